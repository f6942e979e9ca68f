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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.SqlErrors;

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
        assertEquals(SqlErrors.INSUFFICIENT_PRIVILEGE, ((java.sql.SQLException) update.getCause()).getSQLState(),
                update.getCause().getMessage());
        assertTrue(update.getCause().getMessage().contains("response is immutable: UPDATE is not allowed"),
                update.getCause().getMessage());
        IllegalStateException delete = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> db.execute("DELETE FROM response WHERE patient_id = '" + pid + "'"));
        assertEquals(SqlErrors.INSUFFICIENT_PRIVILEGE, ((java.sql.SQLException) delete.getCause()).getSQLState(),
                delete.getCause().getMessage());
        assertTrue(delete.getCause().getMessage().contains("response is immutable: DELETE is not allowed"),
                delete.getCause().getMessage());
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", pid), "the row is intact");
    }

    /**
     * The history query exactly as the repository builds it (newest first, keyset) takes the page's keys from the
     * history index in index order and fetches the rows by primary key: no Sort node, with and without the
     * clinician's study filter and the instrument filter. Sequential and bitmap scans are disabled for the EXPLAIN so
     * that the planner's choice on a small test table does not hide a missing index; an index that did not match the
     * order would still need a Sort. (bench/run.sh shows the plan at default settings on a loaded table.)
     */
    @Test
    void historyQueryIsAnIndexRangeScanWithoutASort() throws Exception {
        String patientOnly = String.join("\n", explain(ResponseRepository.historySql(false, false, false, false, true,
                false, true)));
        System.out.println("History plan:\n" + patientOnly);
        assertTrue(patientOnly.contains("Index Only Scan using response_patient_history_idx"), patientOnly);
        assertTrue(patientOnly.contains("Index Scan using response_pkey"), patientOnly);
        assertFalse(patientOnly.contains("Sort"), patientOnly);

        String ofStaff = String.join("\n", explain(ResponseRepository.historySql(true, false, true, true, true,
                false, true)));
        System.out.println("History plan (study filter, time range):\n" + ofStaff);
        assertTrue(ofStaff.contains("Index Only Scan using response_patient_history_idx"), ofStaff);
        assertFalse(ofStaff.contains("Sort"), ofStaff);

        String filtered = String.join("\n", explain(ResponseRepository.historySql(true, true, false, false, true,
                false, true)));
        System.out.println("History plan (instrument filter):\n" + filtered);
        assertTrue(filtered.contains("Index Only Scan using response_patient_instrument_history_idx"), filtered);
        assertFalse(filtered.contains("Sort"), filtered);

        String withSuperseded = String.join("\n", explain(ResponseRepository.historySql(false, false, false, false,
                false, true, true)));
        assertTrue(withSuperseded.contains("Index Only Scan using response_patient_history_idx"), withSuperseded);
        assertFalse(withSuperseded.contains("Sort"), withSuperseded);

        // the page without answers (answers=false) has the same plan shape
        String light = String.join("\n", explain(ResponseRepository.historySql(false, false, false, false, true,
                false, false)));
        assertTrue(light.contains("Index Only Scan using response_patient_history_idx"), light);
        assertFalse(light.contains("Sort"), light);
    }

    /** EXPLAIN of a repository query, its named parameters bound to literal values of the right types. */
    private List<String> explain(String query) throws Exception {
        String sql = "EXPLAIN " + query
                .replace(":patient", "'" + UUID.randomUUID() + "'::uuid")
                .replace(":studies", "'" + UUID.randomUUID() + "'::uuid")
                .replace(":instrument", "'phq9'")
                .replace(":from", "(now() - interval '90 days')")
                .replace(":to", "now()")
                .replace(":afterTime", "now()")
                .replace(":afterId", "'" + UUID.randomUUID() + "'::uuid")
                .replace(":limit", "51");
        assertFalse(sql.matches("(?s).*(?<!:):[a-zA-Z].*"), "unbound parameter in " + sql);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
            }
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            c.rollback();
            return lines;
        }
    }
}
