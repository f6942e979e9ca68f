package org.proservice.response.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.proservice.platform.RequestIds;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Audits an export with the patients it contains (the same rows as {@link org.proservice.security.AuditLog}
 * writes, in bulk): one {@code audit_event} row per patient (action {@code export},
 * outcome {@code allowed}) plus one row for the study with the patient count, written by one set-based
 * {@code INSERT ... SELECT} (and one {@code INSERT}) on the export's own connection, in
 * the same REPEATABLE READ snapshot as the rows that are streamed afterwards - so the audited patients are exactly
 * the exported ones, however many there are, without holding them in memory.
 */
@ApplicationScoped
public class ExportAudit {

    /** Who exports, captured on the request thread (the rows are streamed later). */
    public record Actor(String subject, String role, String requestId, String clientRequestId) {
    }

    @Inject
    CurrentCaller caller;
    @Inject
    CurrentVertxRequest currentRequest;
    @Inject
    ObjectMapper json;

    public Actor actor() {
        RoutingContext rc = currentRequest.getCurrent();
        return new Actor(caller.subject(), caller.auditRole(), rc == null ? null : RequestIds.server(rc),
                rc == null ? null : RequestIds.client(rc));
    }

    /**
     * @param patientsSql a query whose first column is the patient id of every exported patient (duplicates allowed)
     * @param params      its parameters
     * @return the number of patients audited
     */
    public int recordPatients(Connection c, Actor actor, UUID studyId, Map<String, Object> detail, String patientsSql,
            Object... params) throws SQLException {
        String sql = """
                INSERT INTO audit_event (occurred_at, actor_subject, actor_role, action, resource_type, resource_id,
                                         patient_id, study_id, outcome, request_id, client_request_id, detail)
                SELECT now(), ?, ?, ?, ?, NULL, p.patient_id, ?, 'allowed', ?, ?, ?::jsonb
                FROM (SELECT DISTINCT x.patient_id FROM (%s) x(patient_id)) p
                """.formatted(patientsSql);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = bindActor(ps, actor, studyId);
            ps.setString(n, json.writeValueAsString(detail));
            for (int i = 0; i < params.length; i++) {
                ps.setObject(n + 1 + i, params[i]);
            }
            int patients = ps.executeUpdate();
            summaryRow(c, actor, studyId, detail, patients);
            return patients;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row for the study (no patient) with the number of patients: an export of no patient is recorded too. */
    private void summaryRow(Connection c, Actor actor, UUID studyId, Map<String, Object> detail, int patients)
            throws SQLException, JsonProcessingException {
        Map<String, Object> withCount = new java.util.LinkedHashMap<>(detail);
        withCount.put("patients", patients);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_event (occurred_at, actor_subject, actor_role, action, resource_type, resource_id,
                                         patient_id, study_id, outcome, request_id, client_request_id, detail)
                VALUES (now(), ?, ?, ?, ?, NULL, NULL, ?, 'allowed', ?, ?, ?::jsonb)""")) {
            ps.setString(bindActor(ps, actor, studyId), json.writeValueAsString(withCount));
            ps.executeUpdate();
        }
    }

    /** Binds who, what and the request ids (parameters 1-7); returns the next parameter's index. */
    private static int bindActor(PreparedStatement ps, Actor actor, UUID studyId) throws SQLException {
        ps.setString(1, actor.subject());
        ps.setString(2, actor.role());
        ps.setString(3, AuditAction.EXPORT.wireName());
        ps.setString(4, AuditResource.RESPONSE.wireName());
        ps.setObject(5, studyId);
        ps.setString(6, actor.requestId());
        ps.setString(7, actor.clientRequestId());
        return 8;
    }
}
