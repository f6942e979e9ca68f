package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.response.ResponseApi.enroll;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitOwn;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

@QuarkusTest
class AtomicityAndPlanTest {

    static final String CLINICIAN = "atom-clin";

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFailureAfterTheResponseInsertLeavesNoResponseAlertAuditOrOutboxRow() {
        UUID studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
        String sub = unique("atom-pat");
        UUID pid = enroll(CLINICIAN, studyId, "arm-a", todayUtc(), sub, unique("S"));
        // the alert insert (after the response row was written and flushed) fails for this patient only
        String fn = "atom_fail_" + pid.toString().replace("-", "");
        db.execute("CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.patient_id = '" + pid + "' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$");
        db.execute("CREATE TRIGGER " + fn + " BEFORE INSERT ON alert FOR EACH ROW EXECUTE FUNCTION " + fn + "()");
        try {
            submitOwn(sub, unique("k"), submission("T0", "phq9", phq9(10, 2), Instant.now()))
                    .statusCode(500).contentType("application/problem+json").body("code", equalTo("PRO-1000"));
        } finally {
            db.execute("DROP TRIGGER " + fn + " ON alert");
            db.execute("DROP FUNCTION " + fn + "()");
        }
        assertEquals(0, db.count("SELECT count(*) FROM response WHERE patient_id = ?", pid));
        assertEquals(0, db.count("SELECT count(*) FROM response_idempotency WHERE patient_id = ?", pid));
        assertEquals(0, db.count("SELECT count(*) FROM alert WHERE patient_id = ?", pid));
        assertEquals(0, db.count("SELECT count(*) FROM audit_event WHERE patient_id = ? AND resource_type IN "
                + "('response', 'alert') AND outcome = 'allowed'", pid));
        assertEquals(0, db.count("SELECT count(*) FROM outbox_event WHERE payload ->> 'patientId' = ? "
                + "AND event_type NOT LIKE 'task.%'", pid.toString()));
        // the enrollment's task reminders are still there, none cancelled by the rolled-back submission
        assertEquals(0, db.count("SELECT count(*) FROM outbox_event WHERE payload ->> 'patientId' = ? "
                + "AND state = 'cancelled'", pid.toString()));
        // and the same submission works once the fault is gone
        submitOwn(sub, unique("k"), submission("T0", "phq9", phq9(10, 2), Instant.now())).statusCode(201);
        assertEquals(1, db.count("SELECT count(*) FROM alert WHERE patient_id = ?", pid));
    }

    @Test
    void responsesCannotBeUpdatedOrDeleted() {
        UUID studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
        String sub = unique("atom-pat");
        UUID pid = enroll(CLINICIAN, studyId, "arm-a", todayUtc(), sub, unique("S"));
        submitOwn(sub, unique("k"), submission("T0", "phq9", phq9(3, 0), Instant.now())).statusCode(201);
        IllegalStateException update = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> db.execute("UPDATE response SET total = 0 WHERE patient_id = '" + pid + "'"));
        assertTrue(update.getCause().getMessage().contains("immutable"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> db.execute("DELETE FROM response WHERE patient_id = '" + pid + "'"));
    }

    /**
     * The history query (newest first, keyset) is served by the history index in index order: no Sort node.
     * Sequential scans are disabled for the EXPLAIN so that the planner's choice on a small test table does not hide
     * a missing index; an index that did not match the order would still need a Sort.
     */
    @Test
    void historyQueryIsAnIndexRangeScanWithoutASort() throws Exception {
        String sql = "EXPLAIN SELECT r.* FROM response r WHERE r.patient_id = ? AND (r.completed_at, r.id) < (?, ?)"
                + " AND " + ResponseRepository.CURRENT + " ORDER BY r.completed_at DESC, r.id DESC LIMIT 51";
        String withInstrument = "EXPLAIN SELECT r.* FROM response r WHERE r.patient_id = ? AND r.instrument_id = 'phq9'"
                + " AND (r.completed_at, r.id) < (?, ?) AND " + ResponseRepository.CURRENT
                + " ORDER BY r.completed_at DESC, r.id DESC LIMIT 51";
        List<String> plan = explain(sql);
        String text = String.join("\n", plan);
        System.out.println("History plan:\n" + text);
        assertTrue(text.contains("Index Scan using response_patient_history_idx"), text);
        assertFalse(text.contains("Sort"), text);
        String filtered = String.join("\n", explain(withInstrument));
        System.out.println("History plan (instrument filter):\n" + filtered);
        assertTrue(filtered.contains("Index Scan using response_patient_instrument_history_idx"), filtered);
        assertFalse(filtered.contains("Sort"), filtered);
    }

    private List<String> explain(String sql) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
            }
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, java.time.OffsetDateTime.now());
                ps.setObject(3, UUID.randomUUID());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
            c.rollback();
            return lines;
        }
    }
}
