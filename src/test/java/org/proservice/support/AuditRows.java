package org.proservice.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads audit rows with plain JDBC, to check what requests left behind. */
@ApplicationScoped
public class AuditRows {

    @Inject
    AgroalDataSource dataSource;

    public record Row(String actorSubject, String actorRole, String action, String resourceType, String resourceId,
            UUID patientId, UUID studyId, String outcome, String requestId, String detail, String clientRequestId) {
    }

    /**
     * The rows of one request, by the id a test knows: the id it sent as {@code X-Request-Id} (kept as
     * {@code client_request_id}) or the one the server answered with when it sent none (the server's id).
     */
    public List<Row> byRequestId(String requestId) {
        return query("(request_id = ? OR client_request_id = ?)", requestId, requestId);
    }

    /** The rows whose server request id is exactly this one. */
    public List<Row> byServerRequestId(String requestId) {
        return query("request_id = ?", requestId);
    }

    /** The rows whose client request id is exactly this one. */
    public List<Row> byClientRequestId(String requestId) {
        return query("client_request_id = ?", requestId);
    }

    /** The rows about one patient. */
    public List<Row> byPatient(UUID patientId) {
        return query("patient_id = ?", patientId);
    }

    public List<Row> byActor(String actor) {
        return query("actor_subject = ?", actor);
    }

    private List<Row> query(String where, Object... values) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT actor_subject, actor_role, action, resource_type,"
                        + " resource_id, patient_id, study_id, outcome, request_id, detail::text, client_request_id"
                        + " FROM audit_event WHERE "
                        + where + " ORDER BY id")) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), (UUID) rs.getObject(6), (UUID) rs.getObject(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
