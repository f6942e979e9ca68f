package org.proservice.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.SqlErrors;

/** The audit table refuses UPDATE, DELETE and TRUNCATE in the database itself, whoever asks. */
@QuarkusTest
class AuditTrailAppendOnlyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void databaseRefusesUpdateOfAnAuditEvent() throws SQLException {
        long id = insertEvent();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE audit_event SET outcome = 'allowed', action = 'forged' WHERE id = " + id));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertEquals(SqlErrors.INSUFFICIENT_PRIVILEGE, e.getSQLState(), e.getMessage());
        }
        assertEquals("read", actionOf(id));
    }

    @Test
    void databaseRefusesDeleteOfAnAuditEvent() throws SQLException {
        long id = insertEvent();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeUpdate("DELETE FROM audit_event WHERE id = " + id));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertEquals(SqlErrors.INSUFFICIENT_PRIVILEGE, e.getSQLState(), e.getMessage());
        }
        assertEquals("read", actionOf(id));
    }

    @Test
    void databaseRefusesTruncateOfTheAuditTable() throws SQLException {
        long id = insertEvent();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("TRUNCATE audit_event"));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertEquals(SqlErrors.INSUFFICIENT_PRIVILEGE, e.getSQLState(), e.getMessage());
        }
        assertEquals("read", actionOf(id));
    }

    private long insertEvent() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO audit_event (occurred_at, actor_subject, actor_role, action, resource_type,
                                                 resource_id, patient_id, outcome, request_id)
                        VALUES (now(), 'append-only-test', 'clinician', 'read', 'patient', ?, ?, 'denied', ?)
                        RETURNING id""")) {
            UUID patient = UUID.randomUUID();
            ps.setString(1, patient.toString());
            ps.setObject(2, patient);
            ps.setString(3, "append-only-" + UUID.randomUUID());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String actionOf(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT action FROM audit_event WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the audit row is still there");
                return rs.getString(1);
            }
        }
    }
}
