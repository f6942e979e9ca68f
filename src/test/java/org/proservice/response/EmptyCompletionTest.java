package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.proservice.response.ResponseApi.clinician;
import static org.proservice.response.ResponseApi.enroll;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitFor;
import static org.proservice.response.ResponseApi.submitOwn;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/** A submission or an amendment without a single answered item is refused: nothing stored, the task stays open. */
@QuarkusTest
class EmptyCompletionTest {

    static final String CLINICIAN = "resp-empty-clin";

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;

    UUID studyId;
    String patientSub;
    UUID patientId;

    @BeforeEach
    void setUp() {
        studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
        patientSub = unique("pat");
        patientId = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(1), patientSub, unique("S"));
    }

    @Test
    void emptyAnswersAreRefusedAndTheTaskStaysOpen() {
        String key = unique("k");
        submitOwn(patientSub, key, submission("T0", "gad7", Map.of(), Instant.now()))
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("PRO-1510"))
                .body("errors[0].field", equalTo("answers"))
                .body("errors[0].code", equalTo("none_answered"));
        assertEquals(0, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
        assertEquals(0, db.count("SELECT count(*) FROM response_idempotency WHERE patient_id = ?", patientId));
        assertEquals("open", taskStatus("T0", "gad7"));
        // the refused request left nothing behind, not even its key: the corrected request may reuse it
        submitOwn(patientSub, key, submission("T0", "gad7", Map.of("gad7_q1", 2), Instant.now()))
                .statusCode(201).body("score.scorable", equalTo(false));
        assertEquals("completed", taskStatus("T0", "gad7"));
    }

    @Test
    void answersThatAreAllNullCountAsEmpty() {
        Map<String, Object> allNull = new HashMap<>();
        for (int i = 1; i <= 7; i++) {
            allNull.put("gad7_q" + i, null);
        }
        submitFor(CLINICIAN, patientId, unique("k"), submission("T0", "gad7", allNull, Instant.now()))
                .statusCode(422).body("code", equalTo("PRO-1510"));
        assertEquals(0, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
        assertEquals("open", taskStatus("T0", "gad7"));
    }

    @Test
    void partlyAnsweredSubmissionIsStoredAndScoredByTheInstrumentRules() {
        Map<String, Object> answers = new HashMap<>(phq9(10, 0));
        answers.put("phq9_q8", null);
        submitOwn(patientSub, unique("k"), submission("T0", "phq9", answers, Instant.now()))
                .statusCode(201).body("score.scorable", equalTo(true));
    }

    @Test
    void amendmentWithoutAnsweredItemIsRefusedAndTheOriginalStaysCurrent() {
        String rid = submitOwn(patientSub, unique("k"), submission("T0", "phq9", phq9(9, 0), Instant.now()))
                .statusCode(201).extract().path("id");
        clinician(CLINICIAN).contentType(ContentType.JSON)
                .body(Map.of("reason", "Form was blank", "answers", Map.of()))
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", patientId, rid)
                .then().statusCode(422).body("code", equalTo("PRO-1510"));
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
        clinician(CLINICIAN).when().get("/api/v1/patients/{pid}/responses/{rid}", patientId, rid)
                .then().statusCode(200).body("response.status", equalTo("current"));
    }

    private String taskStatus(String timepoint, String instrument) {
        List<Map<String, Object>> tasks = clinician(CLINICIAN)
                .when().get("/api/v1/patients/{pid}/tasks", patientId).then().statusCode(200)
                .extract().path("tasks");
        return tasks.stream().filter(t -> timepoint.equals(t.get("timepointKey"))
                && instrument.equals(t.get("instrumentId"))).findFirst().orElseThrow().get("status").toString();
    }
}
