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
            UUID patientId, UUID studyId, String outcome, String requestId, String detail) {
    }

    public List<Row> byRequestId(String requestId) {
        return query("request_id = ?", requestId);
    }

    public List<Row> byActor(String actor) {
        return query("actor_subject = ?", actor);
    }

    private List<Row> query(String where, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT actor_subject, actor_role, action, resource_type,"
                        + " resource_id, patient_id, study_id, outcome, request_id, detail::text FROM audit_event WHERE "
                        + where + " ORDER BY id")) {
            ps.setString(1, value);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), (UUID) rs.getObject(6), (UUID) rs.getObject(7), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
