package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.proservice.response.ResponseApi.enroll;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.recordEvent;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitFor;
import static org.proservice.response.ResponseApi.submitOwn;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

@QuarkusTest
class SubmissionTest {

    static final String CLINICIAN = "resp-clin-1";

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
        patientId = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(2), patientSub, unique("S"));
    }

    Map<String, Object> t0(int total) {
        return submission("T0", "phq9", phq9(total, 0), Instant.now().minusSeconds(60));
    }

    @Test
    void patientSubmissionIsStoredScoredAndLocated() {
        ExtractableResponse<Response> r = submitOwn(patientSub, unique("k"), t0(12))
                .statusCode(201)
                .contentType("application/json")
                .header("Location", notNullValue())
                .header("Idempotent-Replayed", "false")
                .body("score.total", equalTo(12))
                .body("score.band", equalTo("moderate"))
                .body("timing", equalTo("on_time"))
                .body("late", equalTo(false))
                .body("mode", equalTo("self"))
                .body("status", equalTo("current"))
                .body("answers.phq9_q1", equalTo(3))
                .extract();
        String id = r.path("id");
        assertEquals(true, r.header("Location").endsWith("/api/v1/me/responses/" + id));
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE id = ?", UUID.fromString(id)));
        assertEquals(1, db.count("SELECT count(*) FROM audit_event WHERE resource_type = 'response' AND action = 'create'"
                + " AND resource_id = ? AND outcome = 'allowed'", id));
        assertEquals(1, db.count("SELECT count(*) FROM outbox_event WHERE dedup_key = ?", "response.stored:" + id));
    }

    @Test
    void submissionWithoutIdempotencyKeyIsRefused() {
        submitOwn(patientSub, null, t0(3)).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PRO-1014"));
        submitOwn(patientSub, "has space", t0(3)).statusCode(400).body("code", equalTo("PRO-1014"));
        assertEquals(0, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
    }

    @Test
    void sameKeyAndSameBodyReturnsTheOriginalResult() {
        String key = unique("k");
        Map<String, Object> body = t0(7);
        String first = submitOwn(patientSub, key, body).statusCode(201).extract().asString();
        ExtractableResponse<Response> second = submitOwn(patientSub, key, body).statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertEquals(first, second.asString());
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
    }

    @Test
    void sameKeyWithDifferentBodyIsAConflict() {
        String key = unique("k");
        submitOwn(patientSub, key, t0(7)).statusCode(201);
        submitOwn(patientSub, key, t0(8)).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("PRO-1013"));
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
    }

    @Test
    void concurrentRequestsWithOneKeyStoreOneResponse() throws Exception {
        String key = unique("k");
        Map<String, Object> body = t0(9);
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<String> call = () -> {
                start.await();
                return submitOwn(patientSub, key, body).statusCode(201).extract().path("id");
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        for (Future<String> f : results) {
            ids.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every caller gets the same response id");
        assertEquals(1, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
        assertEquals(1, db.count("SELECT count(*) FROM response_idempotency WHERE patient_id = ?", patientId));
    }

    @Test
    void invalidAnswersAreRefusedPerItemAndNothingIsStored() {
        Map<String, Object> answers = phq9(5, 0);
        answers.put("phq9_q3", 4);
        answers.put("phq9_q99", 1);
        submitOwn(patientSub, unique("k"), submission("T0", "phq9", answers, Instant.now()))
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("PRO-1015"))
                .body("errors.field", hasItem("answers.phq9_q3"))
                .body("errors.field", hasItem("answers.phq9_q99"));
        assertEquals(0, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
        assertEquals(0, db.count("SELECT count(*) FROM response_idempotency WHERE patient_id = ?", patientId));
    }

    @Test
    void aSecondSubmissionForACompletedTaskIsAConflict() {
        String first = submitOwn(patientSub, unique("k"), t0(5)).statusCode(201).extract().path("id");
        // still after the response was amended (the task's current response is then the amendment)
        ResponseApi.clinician(CLINICIAN).contentType(ContentType.JSON)
                .body(Map.of("reason", "typo in item 2", "answers", phq9(7, 0)))
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", patientId, first)
                .then().statusCode(201);
        submitOwn(patientSub, unique("k"), t0(6)).statusCode(409).body("code", equalTo("PRO-1307"));
        // refused by the response table's one-response-per-task index at insert: the claim of its key rolls back too
        assertEquals(2, db.count("SELECT count(*) FROM response WHERE patient_id = ?", patientId));
        assertEquals(1, db.count("SELECT count(*) FROM response_idempotency WHERE patient_id = ?", patientId));
    }

    @Test
    void unknownTaskAndNotYetScheduledTaskAreRefused() {
        submitOwn(patientSub, unique("k"), submission("T9", "phq9", phq9(1, 0), Instant.now()))
                .statusCode(422).body("code", equalTo("PRO-1500"));
        submitOwn(patientSub, unique("k"), submission("T1", "phq9", phq9(1, 0), Instant.now()))
                .statusCode(422).body("code", equalTo("PRO-1501"));
        submitOwn(patientSub, unique("k"), submission("T0", "phq9", phq9(1, 0),
                Instant.now().plus(1, ChronoUnit.HOURS))).statusCode(422).body("code", equalTo("PRO-1507"));
    }

    @Test
    void submissionCompletesTheTask() {
        recordEvent(CLINICIAN, patientId, "session-1", todayUtc().minusDays(1));
        submitOwn(patientSub, unique("k"), submission("T1", "gad7", Map.of("gad7_q1", 1, "gad7_q2", 1,
                "gad7_q3", 1, "gad7_q4", 1, "gad7_q5", 1, "gad7_q6", 1, "gad7_q7", 1), Instant.now()))
                .log().ifValidationFails().statusCode(201).body("score.total", equalTo(7));
        List<Map<String, Object>> tasks = ResponseApi.clinician(CLINICIAN)
                .when().get("/api/v1/patients/{pid}/tasks", patientId).then().statusCode(200)
                .extract().path("tasks");
        String status = tasks.stream().filter(t -> "T1".equals(t.get("timepointKey"))
                && "gad7".equals(t.get("instrumentId"))).findFirst().orElseThrow().get("status").toString();
        assertEquals("completed", status);
    }

    @Test
    void lateSubmissionIsAcceptedAndMarkedLateUnderAcceptPolicy() {
        String sub = unique("pat");
        UUID pid = enroll(CLINICIAN, studyId, "arm-b", todayUtc().minusDays(30), sub, unique("S"));
        submitOwn(sub, unique("k"), t0(4)).statusCode(201).body("timing", equalTo("late"))
                .body("late", equalTo(true));
        List<Map<String, Object>> tasks = ResponseApi.clinician(CLINICIAN)
                .when().get("/api/v1/patients/{pid}/tasks", pid).then().statusCode(200).extract().path("tasks");
        assertEquals("completed_late", tasks.stream().filter(t -> "T0".equals(t.get("timepointKey"))
                && "phq9".equals(t.get("instrumentId"))).findFirst().orElseThrow().get("status"));
    }

    @Test
    void lateSubmissionIsRefusedUnderRejectPolicy() {
        UUID strict = ResponseApi.study(fixtures, CLINICIAN, "reject");
        String sub = unique("pat");
        enroll(CLINICIAN, strict, "arm-a", todayUtc().minusDays(30), sub, unique("S"));
        submitOwn(sub, unique("k"), t0(4)).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("PRO-1502"));
    }

    @Test
    void clinicianRecordsAnUnscheduledAdministration() {
        submitFor(CLINICIAN, patientId, unique("k"), submission(null, "pcl5", pcl5(2), Instant.now()))
                .statusCode(201)
                .body("timing", equalTo("unscheduled"))
                .body("timepointKey", equalTo(null))
                .body("mode", equalTo("clinician_administered"))
                .body("score.total", equalTo(40));
    }

    @Test
    void patientCannotSubmitWithoutATask() {
        submitOwn(patientSub, unique("k"), submission(null, "phq9", phq9(1, 0), Instant.now()))
                .statusCode(400).body("code", equalTo("PRO-1002"));
    }

    static Map<String, Object> pcl5(int each) {
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            answers.put("pcl5_q" + i, each);
        }
        return answers;
    }
}
