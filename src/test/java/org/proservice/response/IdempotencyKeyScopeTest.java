package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.proservice.response.ResponseApi.enroll;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitFor;
import static org.proservice.response.ResponseApi.submitOwn;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/**
 * An Idempotency-Key belongs to one patient and one caller: the same key from another patient, or for the same
 * patient from another caller, is a request of its own, never a replay of someone else's response.
 */
@QuarkusTest
class IdempotencyKeyScopeTest {

    static final String CLINICIAN = "scope-clin-1";

    @Inject
    Fixtures fixtures;

    @Inject
    Db db;

    UUID studyId;

    @BeforeEach
    void setUp() {
        studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
    }

    static Map<String, Object> baseline(int total) {
        return submission("T0", "phq9", phq9(total, 0), Instant.now().minusSeconds(60));
    }

    @Test
    void twoPatientsUsingTheSameKeyEachGetTheirOwnResponse() {
        String subA = unique("pat"), subB = unique("pat");
        UUID a = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(2), subA, unique("S"));
        UUID b = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(2), subB, unique("S"));
        String key = unique("shared-key");

        String idA = submitOwn(subA, key, baseline(7)).statusCode(201).header("Idempotent-Replayed", "false")
                .body("score.total", equalTo(7)).extract().path("id");
        String idB = submitOwn(subB, key, baseline(12)).statusCode(201).header("Idempotent-Replayed", "false")
                .body("score.total", equalTo(12)).extract().path("id");

        assertNotEquals(idA, idB);
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", a));
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", b));
    }

    @Test
    void theSameKeyFromTheClinicianForThatPatientIsNotAReplayOfThePatientsRequest() {
        String sub = unique("pat");
        UUID patient = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(2), sub, unique("S"));
        String key = unique("shared-key");
        submitOwn(sub, key, baseline(7)).statusCode(201);

        // the clinician's request with the same key is judged on its own: the task is already completed (409
        // PRO-1307), not the patient's stored response replayed to the clinician (201) nor a key conflict (PRO-1013)
        submitFor(CLINICIAN, patient, key, baseline(7)).statusCode(409).body("code", equalTo("PRO-1307"));
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patient));
    }
}
