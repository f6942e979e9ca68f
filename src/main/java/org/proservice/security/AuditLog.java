package org.proservice.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.platform.RequestIds;

/**
 * Writes the audit trail: who (subject, role), what (action, resource, patient, study), when, outcome, and the
 * request (the server's id, and the caller's {@code X-Request-Id} beside it). One typed entry point:
 *
 * <pre>{@code
 * audit.event(AuditAction.READ, AuditResource.ENROLLMENT).id(e.id).patient(pid).study(studyId)
 *         .detail("count", n).allowed();
 * audit.event(AuditAction.READ, AuditResource.ALERT).patients(studyByPatient).detail("list", true).allowed();
 * }</pre>
 *
 * The outcome comes last and writes the event:
 * <ul>
 * <li>{@link Entry#allowed()}: written in the caller's current transaction, so the event commits or rolls back
 * together with the data it describes. Call it from inside the service's {@code @Transactional} method, after the
 * access check and before returning. Without an active transaction (a read-only service method) it writes in a
 * transaction of its own.</li>
 * <li>{@link Entry#denied()}: always written in a new transaction ({@code REQUIRES_NEW}), so the denial is kept
 * although the request fails and its own transaction rolls back. The request is marked, so that
 * {@link RefusalAudit} does not write a second, coarser row for the same refusal.</li>
 * </ul>
 * A read that returns rows of several patients names them with {@link Entry#patients}: one row per patient
 * (all in one {@code INSERT}), so {@code GET /api/v1/audit?patient=X} finds it through the patient index; a read
 * that returned no patient writes one row without a patient. {@code detail} must never contain answer values,
 * tokens or other submitted free text.
 */
@ApplicationScoped
public class AuditLog {

    private static final String DENIAL_RECORDED = "pro.audit.denialRecorded";

    /** One statement for one row or for a page of patients: the patient/study pairs come as two arrays. */
    private static final String INSERT = """
            INSERT INTO audit_event (occurred_at, actor_subject, actor_role, action, resource_type, resource_id,
                                     patient_id, study_id, outcome, request_id, client_request_id, detail)
            SELECT CAST(? AS timestamptz), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar),
                   CAST(? AS varchar), CAST(? AS varchar), p.patient_id, p.study_id, CAST(? AS varchar),
                   CAST(? AS varchar), CAST(? AS varchar), CAST(? AS jsonb)
            FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[])) WITH ORDINALITY AS p(patient_id, study_id, n)
            ORDER BY p.n""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CurrentCaller caller;

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionManager transactions;

    /**
     * Starts an event of the current caller (or {@code system} outside a request). The caller and the request ids
     * are taken now, so the entry may be finished on another thread.
     */
    public Entry event(AuditAction action, AuditResource resource) {
        Entry e = new Entry(this, action, resource);
        if (Arc.container().requestContext().isActive()) {
            e.actorSubject = caller.subject();
            e.actorRole = caller.auditRole();
            e.request(currentRequest.getCurrent());
        } else {
            e.actorSubject = "system";
        }
        return e;
    }

    /** Whether a denial of this request has been written already (by a service or the access policy). */
    static boolean denialRecorded(RoutingContext rc) {
        return rc != null && Boolean.TRUE.equals(rc.get(DENIAL_RECORDED));
    }

    /** An audit event being described; {@link #allowed()} or {@link #denied()} writes it. */
    public static final class Entry {
        private final AuditLog log;
        private final AuditAction action;
        private final AuditResource resource;
        private String actorSubject;
        private String actorRole;
        private RoutingContext request;
        private String requestId;
        private String clientRequestId;
        private String resourceId;
        private UUID patientId;
        private UUID studyId;
        private LinkedHashMap<UUID, UUID> patients;
        private final Map<String, Object> detail = new LinkedHashMap<>();

        private Entry(AuditLog log, AuditAction action, AuditResource resource) {
            this.log = log;
            this.action = action;
            this.resource = resource;
        }

        /** The resource's id (as the caller gave it, for denials); none for lists. */
        public Entry id(Object id) {
            this.resourceId = id == null ? null : truncate(id.toString(), 255);
            return this;
        }

        /** The one patient the event concerns. */
        public Entry patient(UUID id) {
            this.patientId = id;
            return this;
        }

        public Entry study(UUID id) {
            this.studyId = id;
            return this;
        }

        /** One extra fact; a null value is left out. Never answer values, tokens or free text. */
        public Entry detail(String key, Object value) {
            if (value != null) {
                detail.put(key, value);
            }
            return this;
        }

        public Entry detail(Map<String, ?> facts) {
            if (facts != null) {
                facts.forEach(this::detail);
            }
            return this;
        }

        /**
         * The patients whose rows a read returned, each with the study the rows came from: one audit row per
         * patient. An empty map still records the read (one row without a patient).
         */
        public Entry patients(Map<UUID, UUID> studyByPatient) {
            if (patients == null) {
                patients = new LinkedHashMap<>();
            }
            studyByPatient.forEach((p, s) -> {
                if (p != null) {
                    patients.putIfAbsent(p, s);
                }
            });
            return this;
        }

        /** As {@link #patients(Map)}, all in the study given with {@link #study(UUID)}. */
        public Entry patients(Collection<UUID> ids) {
            Map<UUID, UUID> each = new LinkedHashMap<>();
            ids.forEach(p -> each.put(p, null));
            return patients(each);
        }

        /** The HTTP request the event belongs to (its ids; where a denial is marked). */
        Entry request(RoutingContext rc) {
            if (rc != null) {
                this.request = rc;
                this.requestId = RequestIds.server(rc);
                this.clientRequestId = RequestIds.client(rc);
            }
            return this;
        }

        /** Who, when the caller is not the request's {@link CurrentCaller} (a response filter's view of it). */
        Entry actor(String subject, String role) {
            this.actorSubject = subject == null ? "anonymous" : truncate(subject, 255);
            this.actorRole = role;
            return this;
        }

        /** Writes the event as allowed, in the caller's transaction (or one of its own when there is none). */
        public void allowed() {
            log.write(this, "allowed");
        }

        /** Writes the event as denied, in a transaction of its own that survives the failing request. */
        public void denied() {
            log.write(this, "denied");
            if (request != null) {
                request.put(DENIAL_RECORDED, Boolean.TRUE);
            }
        }
    }

    private void write(Entry e, String outcome) {
        if (e.patients != null && e.patientId != null) {
            throw new IllegalStateException("an audit event names one patient or a list of patients, not both");
        }
        List<UUID> patientIds = new ArrayList<>();
        List<UUID> studyIds = new ArrayList<>();
        if (e.patients == null || e.patients.isEmpty()) {
            patientIds.add(e.patientId);
            studyIds.add(e.studyId);
        } else {
            e.patients.forEach((p, s) -> {
                patientIds.add(p);
                studyIds.add(s != null ? s : e.studyId);
            });
        }
        String detail;
        try {
            detail = e.detail.isEmpty() ? null : json.writeValueAsString(e.detail);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit detail is not JSON", ex);
        }
        Instant now = Instant.now();
        Runnable insert = () -> insert(e, outcome, now, detail, patientIds, studyIds);
        if ("denied".equals(outcome) || !inTransaction()) {
            QuarkusTransaction.requiringNew().run(insert);
        } else {
            insert.run();
        }
    }

    /** Whether the caller has a transaction (even one marked for rollback: the event must share its fate). */
    private boolean inTransaction() {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            return false;
        }
    }

    /** Runs inside a transaction: the data source hands out the transaction's connection. */
    private void insert(Entry e, String outcome, Instant at, String detail, List<UUID> patientIds,
            List<UUID> studyIds) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, e.actorSubject);
            ps.setString(3, e.actorRole);
            ps.setString(4, e.action.wireName());
            ps.setString(5, e.resource.wireName());
            ps.setString(6, e.resourceId);
            ps.setString(7, outcome);
            ps.setString(8, e.requestId);
            ps.setString(9, e.clientRequestId);
            ps.setString(10, detail);
            ps.setArray(11, c.createArrayOf("uuid", patientIds.toArray()));
            ps.setArray(12, c.createArrayOf("uuid", studyIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not write the audit event", ex);
        }
    }

    /** At most {@code max} characters, without NUL (which PostgreSQL refuses in text): ids may come from paths. */
    private static String truncate(String s, int max) {
        String clean = s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
