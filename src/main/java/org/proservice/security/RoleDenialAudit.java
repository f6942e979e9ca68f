package org.proservice.security;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.proservice.platform.RequestIds;

/**
 * Writes a denied audit event for every 403: a signed-in caller whose role does not allow the endpoint. Object
 * level refusals (404) are audited by {@link AccessPolicy}; anonymous and invalid-token requests (401) are not
 * audited (they carry no trustworthy identity, and auditing them would let anyone fill the table).
 */
public class RoleDenialAudit {

    private static final Logger LOG = Logger.getLogger(RoleDenialAudit.class);
    private static final List<String> KNOWN_ROLES = List.of(Roles.ADMIN, Roles.CLINICIAN, Roles.PATIENT);

    @Inject
    AuditLog audit;

    @Inject
    CurrentVertxRequest currentRequest;

    @ServerResponseFilter
    public void afterResponse(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 403) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null) {
            return;
        }
        String subject = principal instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                : principal.getName();
        List<String> roles = new ArrayList<>();
        for (String role : KNOWN_ROLES) {
            if (security.isUserInRole(role)) {
                roles.add(role);
            }
        }
        String role = roles.isEmpty() ? null : String.join(",", roles);
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        RoutingContext rc = currentRequest.getCurrent();
        String requestId = rc == null ? null : RequestIds.of(rc);
        Runnable write = () -> {
            try {
                audit.recordRoleDenial(subject, role, method, path, requestId);
            } catch (RuntimeException e) {
                LOG.warnf("Could not write the audit event of a refused request %s: %s", requestId,
                        e.getClass().getName());
            }
        };
        if (BlockingOperationControl.isBlockingAllowed()) {
            write.run();
        } else {
            Infrastructure.getDefaultWorkerPool().execute(write);
        }
    }
}
