package org.proservice.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Await;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * "Who saw patient X": every read that returns patient rows is found by {@code GET /api/v1/audit?patient=X} for
 * each patient it returned and for no other; refusals are audited; the audit keeps the server's request id and the
 * caller's beside it.
 *
 * <p>Study A has p1 and p2 (enrolled in March 2026: their baseline is missed, so they are overdue) and p3 (enrolled
 * today: nothing overdue, one alert from a positive PHQ-9 item 9, the only one with a response). Study B has q,
 * whom study A's clinician never sees.
 */
@QuarkusTest
class WhoSawPatientTest {

    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows auditRows;

    String tag;
    String clinician;
    String admin;
    UUID studyA;
    UUID studyB;
    UUID p1;
    UUID p2;
    UUID p3;
    UUID q;

    @BeforeEach
    void world() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        clinician = "who-clin-" + tag;
        admin = "who-admin-" + tag;
        studyA = fixtures.study("who-a-" + tag, clinician);
        studyB = fixtures.study("who-b-" + tag, "who-other-" + tag);
        fixtures.protocolVersion(studyA);
        fixtures.protocolVersion(studyB);
        p1 = fixtures.enrolledPatient(studyA, "who-p1-" + tag, "A1-" + tag);
        p2 = fixtures.enrolledPatient(studyA, "who-p2-" + tag, "A2-" + tag);
        q = fixtures.enrolledPatient(studyB, "who-q-" + tag, "B1-" + tag);
        p3 = enrollToday(studyA, "who-p3-" + tag, "A3-" + tag);
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            answers.put("phq9_q" + i, 1);
        }
        answers.put("phq9_q9", 2);
        answers.put("phq9_difficulty", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timepointKey", "T0");
        body.put("instrumentId", "phq9");
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", Instant.now().minusSeconds(60).toString());
        asClinician().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/api/v1/patients/{pid}/responses", p3).then().statusCode(201);
    }

    // ---- reads that return patient rows -------------------------------------------------------------------------

    @Test
    void anEnrollmentListIsFoundUnderEveryListedPatientAndNoOther() {
        String id = clientId();
        asClinician().header("X-Request-Id", id).get("/api/v1/studies/{id}/enrollments", studyA)
                .then().statusCode(200);
        for (UUID listed : List.of(p1, p2, p3)) {
            assertEquals(1, readsOf(listed, id, "enrollment"), "one audit row of the list for " + listed);
        }
        assertEquals(0, readsOf(q, id, "enrollment"), "a patient of another study was not listed");
    }

    @Test
    void aLongListWritesOneRowForEachListedPatient() {
        UUID big = fixtures.study("who-big-" + tag, clinician);
        Set<UUID> enrolled = new java.util.HashSet<>();
        for (int i = 0; i < 120; i++) {
            enrolled.add(fixtures.enrolledPatient(big, "who-big-" + i + "-" + tag, "BIG" + i + "-" + tag));
        }
        Response r = asClinician().get("/api/v1/studies/{id}/enrollments", big);
        r.then().statusCode(200);
        List<AuditRows.Row> rows = auditRows.byServerRequestId(r.header("X-Request-Id"));
        assertEquals(120, rows.size());
        assertEquals(enrolled, rows.stream().map(AuditRows.Row::patientId).collect(Collectors.toSet()));
        rows.forEach(row -> {
            assertEquals(big, row.studyId());
            assertEquals("read", row.action());
            assertEquals("enrollment", row.resourceType());
            assertEquals("allowed", row.outcome());
        });
    }

    @Test
    void anAdherenceReportIsFoundUnderEveryOverduePatientItNamesAndNoOther() {
        String id = clientId();
        Response r = asClinician().header("X-Request-Id", id).get("/api/v1/studies/{id}/adherence", studyA);
        r.then().statusCode(200);
        Set<UUID> named = r.jsonPath().getList("overdue.patientId", String.class).stream().map(UUID::fromString)
                .collect(Collectors.toSet());
        assertEquals(Set.of(p1, p2), named, "the fixture: p1 and p2 are overdue, p3 is not");
        assertEquals(1, readsOf(p1, id, "adherence"));
        assertEquals(1, readsOf(p2, id, "adherence"));
        assertEquals(0, readsOf(p3, id, "adherence"), "p3's rows are only in the counts");
        assertEquals(0, readsOf(q, id, "adherence"));
    }

    @Test
    void anAlertListIsFoundUnderThePatientsWhoseAlertsItReturned() {
        String id = clientId();
        Response r = asClinician().header("X-Request-Id", id).queryParam("studyId", studyA).get("/api/v1/alerts");
        r.then().statusCode(200);
        assertEquals(List.of(p3.toString()), r.jsonPath().getList("items.patientId", String.class).stream()
                .distinct().toList());
        assertEquals(1, readsOf(p3, id, "alert"));
        for (UUID other : List.of(p1, p2, q)) {
            assertEquals(0, readsOf(other, id, "alert"), "no alert of " + other + " was returned");
        }
    }

    @Test
    void anExportIsFoundUnderEveryExportedPatientAndNoOther() {
        String id = clientId();
        asClinician().header("X-Request-Id", id).get("/api/v1/studies/{id}/export.csv", studyA)
                .then().statusCode(200);
        List<Map<String, Object>> p3Rows = auditOf(p3).stream().filter(e -> id.equals(e.get("clientRequestId")))
                .toList();
        assertEquals(1, p3Rows.size());
        assertEquals("export", p3Rows.get(0).get("action"));
        for (UUID other : List.of(p1, p2, q)) {
            assertTrue(auditOf(other).stream().noneMatch(e -> id.equals(e.get("clientRequestId"))),
                    "no response of " + other + " was exported");
        }
    }

    @Test
    void aFhirSearchIsFoundUnderItsPatient() {
        String id = clientId();
        asClinician().header("X-Request-Id", id).queryParam("patient", "Patient/" + p3)
                .get("/fhir/r4/QuestionnaireResponse").then().statusCode(200);
        assertEquals(1, auditOf(p3).stream().filter(e -> id.equals(e.get("clientRequestId"))
                && "fhir_questionnaire_response".equals(e.get("resourceType"))).count());
    }

    @Test
    void lookingUpAPatientInTheAuditLogIsFoundUnderThatPatient() {
        String id = clientId();
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("who-reader-" + tag)))
                .header("X-Request-Id", id).queryParam("patient", q.toString()).get("/api/v1/audit")
                .then().statusCode(200);
        List<Map<String, Object>> lookups = auditOf(q).stream().filter(e -> id.equals(e.get("clientRequestId")))
                .toList();
        assertEquals(1, lookups.size());
        assertEquals("audit_log", lookups.get(0).get("resourceType"));
        assertEquals("who-reader-" + tag, lookups.get(0).get("actorSubject"));
    }

    // ---- refusals ----------------------------------------------------------------------------------------------

    @Test
    void aRoleRefusalOnTheFhirInterfaceIsAudited() {
        String id = clientId();
        asClinician().header("X-Request-Id", id).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/fhir+json").body("{\"resourceType\":\"QuestionnaireResponse\"}")
                .post("/fhir/r4/QuestionnaireResponse").then().statusCode(403);
        AuditRows.Row denial = awaitOneRow(id);
        assertEquals("denied", denial.outcome());
        assertEquals(clinician, denial.actorSubject());
        assertEquals("endpoint", denial.resourceType());
        assertEquals("POST /fhir/r4/QuestionnaireResponse", denial.resourceId());
        assertTrue(denial.detail().contains("\"reason\": \"role\""), denial.detail());
    }

    @Test
    void aRowOfAnotherStudyRefusedInsideAServiceIsAudited() {
        String id = clientId();
        asClinician().header("X-Request-Id", id)
                .get("/api/v1/studies/{id}/enrollments/{eid}", studyA, fixtures.enrollmentOf(q))
                .then().statusCode(404).body("code", org.hamcrest.Matchers.equalTo("PRO-1003"));
        AuditRows.Row denial = awaitOneRow(id);
        assertEquals("denied", denial.outcome());
        assertEquals(clinician, denial.actorSubject());
        assertEquals(studyA, denial.studyId());
        assertTrue(denial.detail().contains("\"status\": 404"), denial.detail());
        assertTrue(denial.detail().contains("\"reason\": \"not_found\""), denial.detail());
    }

    @Test
    void aStateRefusalIsAuditedAlthoughTheRequestRolledBack() {
        String alert = asClinician().queryParam("studyId", studyA).get("/api/v1/alerts").then().statusCode(200)
                .extract().path("items[0].id");
        asClinician().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/alerts/{id}/acknowledge", alert)
                .then().statusCode(200);
        String id = clientId();
        asClinician().header("X-Request-Id", id).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/alerts/{id}/acknowledge", alert).then().statusCode(409);
        AuditRows.Row denial = awaitOneRow(id);
        assertEquals("denied", denial.outcome());
        assertEquals("POST /api/v1/alerts/" + alert + "/acknowledge", denial.resourceId());
        assertTrue(denial.detail().contains("\"reason\": \"conflict\""), denial.detail());
    }

    @Test
    void aDenialWrittenByTheAccessPolicyIsNotWrittenTwice() {
        String id = clientId();
        asClinician().header("X-Request-Id", id).get("/api/v1/patients/{pid}/tasks", q).then().statusCode(404);
        AuditRows.Row denial = awaitOneRow(id);
        assertEquals("patient", denial.resourceType());
        assertEquals(q, denial.patientId());
        // the response filter runs after the policy's row: give it the time to (wrongly) add one
        asClinician().get("/api/v1/studies/{id}/enrollments", studyA).then().statusCode(200);
        assertEquals(1, auditRows.byClientRequestId(id).size());
    }

    @Test
    void anonymousAndInvalidTokenRequestsAreNotAudited() {
        String anonymous = clientId();
        given().header("X-Request-Id", anonymous).get("/api/v1/studies/{id}/enrollments", studyA)
                .then().statusCode(401);
        String forged = clientId();
        given().header("X-Request-Id", forged).header("Authorization", "Bearer not.a.token")
                .get("/api/v1/studies/{id}/enrollments", studyA).then().statusCode(401);
        // a later refusal of a signed-in caller is written: by then the two above would have been too
        String later = clientId();
        asClinician().header("X-Request-Id", later).get("/api/v1/audit").then().statusCode(403);
        awaitOneRow(later);
        assertTrue(auditRows.byClientRequestId(anonymous).isEmpty());
        assertTrue(auditRows.byClientRequestId(forged).isEmpty());
    }

    // ---- request ids -------------------------------------------------------------------------------------------

    @Test
    void theAuditKeepsTheServersRequestIdAndTheCallersBesideIt() {
        String id = clientId();
        for (int i = 0; i < 2; i++) {
            asClinician().header("X-Request-Id", id).get("/api/v1/studies/{id}/enrollments", studyA)
                    .then().statusCode(200).header("X-Request-Id", id);
        }
        List<Map<String, Object>> rows = auditOf(p1).stream().filter(e -> id.equals(e.get("clientRequestId")))
                .toList();
        assertEquals(2, rows.size(), "two requests with the same client id");
        for (Map<String, Object> row : rows) {
            String server = (String) row.get("requestId");
            assertTrue(server.matches(UUID_PATTERN), "the server's id: " + server);
        }
        assertNotEquals(rows.get(0).get("requestId"), rows.get(1).get("requestId"),
                "a client id shared by two requests does not make them one");
        List<AuditRows.Row> byServer = auditRows.byServerRequestId((String) rows.get(0).get("requestId"));
        assertEquals(3, byServer.size(), "one row per listed patient of that one request");
        assertTrue(auditRows.byServerRequestId(id).isEmpty(), "the client's id is never stored as the server's");
    }

    @Test
    void withoutAClientIdTheAnsweredIdIsTheServersAndNoClientIdIsStored() {
        Response r = asClinician().get("/api/v1/studies/{id}/enrollments", studyA);
        r.then().statusCode(200);
        String answered = r.header("X-Request-Id");
        assertTrue(answered.matches(UUID_PATTERN), answered);
        List<AuditRows.Row> rows = auditRows.byServerRequestId(answered);
        assertEquals(3, rows.size());
        rows.forEach(row -> assertNull(row.clientRequestId()));
    }

    @Test
    void aHostileClientIdNeverReachesTheAuditTable() {
        for (String hostile : List.of("x".repeat(65), "x".repeat(2_000), "short", "has space in it",
                "semi;colon'quote", "<script>alert(1)</script>")) {
            Response r = asClinician().header("X-Request-Id", hostile).get("/api/v1/studies/{id}/enrollments",
                    studyA);
            r.then().statusCode(200);
            String answered = r.header("X-Request-Id");
            assertTrue(answered.matches(UUID_PATTERN), "a hostile id is replaced, not echoed: " + answered);
            List<AuditRows.Row> rows = auditRows.byServerRequestId(answered);
            assertEquals(3, rows.size());
            rows.forEach(row -> assertNull(row.clientRequestId(), "no trace of " + hostile.substring(0,
                    Math.min(20, hostile.length()))));
            assertTrue(auditRows.byClientRequestId(hostile).isEmpty());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private RequestSpecification asClinician() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.clinician(clinician)));
    }

    private String clientId() {
        return "who-" + UUID.randomUUID();
    }

    private UUID enrollToday(UUID studyId, String subject, String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", code);
        body.put("identitySubject", subject);
        body.put("arm", "arm-a");
        body.put("enrollmentDate", LocalDate.now(ZoneOffset.UTC).toString());
        body.put("timeZone", "UTC");
        String id = asClinician().contentType(ContentType.JSON).body(body)
                .post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201).extract().path("patientId");
        return UUID.fromString(id);
    }

    /** The audit trail of one patient as the admin reads it. */
    private List<Map<String, Object>> auditOf(UUID patient) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin(admin)))
                .queryParam("patient", patient.toString()).queryParam("limit", 200).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** How many allowed reads of {@code resourceType} by request {@code clientId} the patient's trail shows. */
    private long readsOf(UUID patient, String clientId, String resourceType) {
        List<Map<String, Object>> rows = auditOf(patient).stream()
                .filter(e -> clientId.equals(e.get("clientRequestId"))).toList();
        rows.forEach(e -> {
            assertEquals(clinician, e.get("actorSubject"));
            assertEquals(patient.toString(), e.get("patientId"));
        });
        assertFalse(rows.stream().anyMatch(e -> !"allowed".equals(e.get("outcome"))));
        return rows.stream().filter(e -> "read".equals(e.get("action")) && resourceType.equals(e.get("resourceType")))
                .count();
    }

    /** The one row a refused request leaves (written after the response, so it may come a moment later). */
    private AuditRows.Row awaitOneRow(String clientId) {
        Await.until("the audit row of " + clientId, () -> !auditRows.byClientRequestId(clientId).isEmpty());
        List<AuditRows.Row> rows = auditRows.byClientRequestId(clientId);
        assertEquals(1, rows.size(), "exactly one row for " + clientId + ": " + rows);
        return rows.get(0);
    }
}
