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
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.proservice.error.Problem;
import org.proservice.platform.RequestIds;

/**
 * The one net under every refusal: a signed-in caller answered 403 (role), 404 (not found or not visible - the
 * caller cannot tell which, so both count), 409 (the resource's state refuses the operation) or 410 (gone) gets a
 * denied audit event, unless a service or {@link AccessPolicy} already wrote a richer one for the request
 * ({@link AuditLog#denialRecorded}). The event names the endpoint ({@code call} / {@code endpoint}, resource id
 * {@code "METHOD path"}), the patient or study of the path when it names one, and {@code detail} {@code status},
 * {@code code} and {@code reason}. It is written after the response is built, in a transaction of its own, so the
 * request's rolled-back transaction cannot take it along.
 *
 * <p>Anonymous and invalid-token requests (401) are not audited: they carry no trustworthy identity, and writing
 * them would let anyone fill an append-only table that can never be pruned. Input errors (400, 413, 415, 422) are
 * not refusals: nothing about a resource was decided.
 */
public class RefusalAudit {

    private static final Logger LOG = Logger.getLogger(RefusalAudit.class);
    private static final List<String> KNOWN_ROLES = List.of(Roles.ADMIN, Roles.CLINICIAN, Roles.PATIENT);
    private static final Map<Integer, String> REASONS = Map.of(403, "role", 404, "not_found", 409, "conflict",
            410, "gone");
    private static final Pattern PATIENT_PATH = Pattern.compile("^/api/v1/patients/([0-9a-fA-F-]{36})(/.*)?$");
    private static final Pattern STUDY_PATH = Pattern.compile("^/api/v1/studies/([0-9a-fA-F-]{36})(/.*)?$");

    @Inject
    AuditLog audit;

    @Inject
    CurrentVertxRequest currentRequest;

    @ServerResponseFilter
    public void afterResponse(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        String reason = REASONS.get(status);
        if (reason == null) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null) {
            return;
        }
        RoutingContext rc = currentRequest.getCurrent();
        if (AuditLog.denialRecorded(rc)) {
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
        String path = request.getUriInfo().getPath();
        AuditLog.Entry event = audit.event(AuditAction.CALL, AuditResource.ENDPOINT)
                .actor(subject, roles.isEmpty() ? null : String.join(",", roles))
                .request(rc)
                .id(request.getMethod() + " " + path)
                .patient(idIn(PATIENT_PATH, path))
                .study(idIn(STUDY_PATH, path))
                .detail("status", status)
                .detail("code", response.getEntity() instanceof Problem p ? p.code() : null)
                .detail("reason", reason);
        String requestId = rc == null ? null : RequestIds.server(rc);
        Runnable write = () -> {
            try {
                event.denied();
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

    private static UUID idIn(Pattern pattern, String path) {
        Matcher m = pattern.matcher(path);
        if (m.matches()) {
            try {
                return UUID.fromString(m.group(1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
