package org.proservice.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.proservice.audit.AuditEvent;
import org.proservice.audit.AuditEventRepository;
import org.proservice.platform.RequestIds;

/**
 * Writes the audit trail: who (subject, role), what (action, resource, patient, study), when, outcome, request id.
 *
 * <ul>
 * <li>{@link Outcome#ALLOWED}: written in the caller's current transaction, so the event commits or rolls back
 * together with the data it describes. Call it from inside the service's {@code @Transactional} method, after the
 * access check and before returning. Without an active transaction (a read-only service method) it writes in a
 * transaction of its own.</li>
 * <li>{@link Outcome#DENIED}: always written in a new transaction ({@code REQUIRES_NEW}), so the denial is kept
 * although the request fails and its own transaction rolls back.</li>
 * </ul>
 * {@code detail} must never contain answer values, tokens or other submitted free text.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    AuditEventRepository events;

    @Inject
    CurrentCaller caller;

    @Inject
    CurrentVertxRequest currentRequest;

    public void record(Action action, String resourceType, Object resourceId, UUID patientId, UUID studyId,
            Outcome outcome) {
        record(action.auditName(), resourceType, resourceId, patientId, studyId, outcome, null);
    }

    public void record(Action action, String resourceType, Object resourceId, UUID patientId, UUID studyId,
            Outcome outcome, Map<String, Object> detail) {
        record(action.auditName(), resourceType, resourceId, patientId, studyId, outcome, detail);
    }

    /**
     * @param action       a short verb, e.g. {@code read}, {@code create}, {@code acknowledge}
     * @param resourceType e.g. {@code patient}, {@code response}, {@code study}
     * @param resourceId   the id of the resource (as given by the caller for denials); may be null for lists
     */
    public void record(String action, String resourceType, Object resourceId, UUID patientId, UUID studyId,
            Outcome outcome, Map<String, Object> detail) {
        AuditEvent event = new AuditEvent();
        event.occurredAt = Instant.now();
        fillActor(event);
        event.action = action;
        event.resourceType = resourceType;
        event.resourceId = resourceId == null ? null : truncate(resourceId.toString(), 255);
        event.patientId = patientId;
        event.studyId = studyId;
        event.outcome = outcome.dbValue();
        event.requestId = requestId();
        event.detail = detail == null || detail.isEmpty() ? null : Map.copyOf(detail);
        if (outcome == Outcome.DENIED || !QuarkusTransaction.isActive()) {
            QuarkusTransaction.requiringNew().run(() -> events.persist(event));
        } else {
            events.persist(event);
        }
    }

    /**
     * A request refused by its role check (403) before any service ran. Written in a transaction of its own with
     * the facts captured on the request thread, so it may run on a worker thread outside the request.
     */
    public void recordRoleDenial(String subject, String role, String method, String path, String requestId) {
        AuditEvent event = new AuditEvent();
        event.occurredAt = Instant.now();
        event.actorSubject = subject == null ? "anonymous" : truncate(subject, 255);
        event.actorRole = role;
        event.action = "call";
        event.resourceType = "endpoint";
        event.resourceId = truncate(method + " " + path, 255);
        event.patientId = patientIdIn(path);
        event.outcome = Outcome.DENIED.dbValue();
        event.requestId = requestId;
        event.detail = Map.of("status", 403, "reason", "role");
        QuarkusTransaction.requiringNew().run(() -> events.persist(event));
    }

    private static final java.util.regex.Pattern PATIENT_PATH = java.util.regex.Pattern
            .compile("^/api/v1/patients/([0-9a-fA-F-]{36})(/.*)?$");

    private static UUID patientIdIn(String path) {
        java.util.regex.Matcher m = PATIENT_PATH.matcher(path);
        if (m.matches()) {
            try {
                return UUID.fromString(m.group(1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private void fillActor(AuditEvent event) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            event.actorSubject = caller.subject();
            event.actorRole = caller.auditRole();
        } else {
            event.actorSubject = "system";
            event.actorRole = null;
        }
    }

    private String requestId() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext rc = currentRequest.getCurrent();
        return rc == null ? null : RequestIds.of(rc);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
