package org.proservice.alert;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

import static io.restassured.RestAssured.given;

@QuarkusTest
class AlertLifecycleTest {

    static final String CLINICIAN = "alert-clin";
    static final String OTHER_CLINICIAN = "alert-clin-other";

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource dataSource;

    UUID studyId;
    String patientSub;
    UUID patientId;

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeEach
    void setUp() {
        studyId = fixtures.study(unique("alert-study"), CLINICIAN);
        fixtures.study(unique("alert-other-study"), OTHER_CLINICIAN);
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("key", "T0");
        tp.put("label", "Baseline");
        tp.put("anchor", "enrollment");
        tp.put("offsetDays", 0);
        tp.put("windowDaysBefore", 0);
        tp.put("windowDaysAfter", 7);
        tp.put("instruments", List.of("phq9", "gad7"));
        tp.put("baseline", true);
        Map<String, Object> protocol = new HashMap<>();
        protocol.put("anchors", List.of());
        protocol.put("timepoints", List.of(tp));
        as(TestTokens.admin("alert-admin")).contentType(ContentType.JSON).body(protocol)
                .when().post("/api/v1/studies/{id}/protocol-versions", studyId).then().statusCode(201);
        patientSub = unique("alert-pat");
        patientId = enroll(patientSub, "arm-a");
    }

    /** Enrols a patient with this identity subject in the study, enrolled yesterday (UTC). */
    UUID enroll(String sub, String arm) {
        Map<String, Object> enrollment = new HashMap<>();
        enrollment.put("subjectCode", unique("A"));
        enrollment.put("identitySubject", sub);
        enrollment.put("arm", arm);
        enrollment.put("enrollmentDate", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        enrollment.put("timeZone", "UTC");
        return UUID.fromString(as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON)
                .body(enrollment).when().post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201)
                .extract().path("patientId"));
    }

    String submitPhq9(Integer item9, int others) {
        Map<String, Object> answers = new HashMap<>();
        for (int i = 1; i <= 8; i++) {
            answers.put("phq9_q" + i, others);
        }
        answers.put("phq9_q9", item9);
        Map<String, Object> body = new HashMap<>();
        body.put("timepointKey", "T0");
        body.put("instrumentId", "phq9");
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", Instant.now().toString());
        return as(TestTokens.patient(patientSub)).contentType(ContentType.JSON).header("Idempotency-Key", unique("k"))
                .body(body).when().post("/api/v1/me/responses").then().statusCode(201).extract().path("id");
    }

    List<Map<String, Object>> alertsOfResponse(String responseId, String status) {
        RequestSpecification r = as(TestTokens.clinician(CLINICIAN)).queryParam("studyId", studyId);
        if (status != null) {
            r = r.queryParam("status", status);
        }
        List<Map<String, Object>> items = r.when().get("/api/v1/alerts").then().statusCode(200)
                .extract().path("items");
        List<Map<String, Object>> mine = new ArrayList<>();
        items.stream().filter(a -> responseId.equals(a.get("responseId"))).forEach(mine::add);
        return mine;
    }

    @Test
    void positiveItem9RaisesAnAlertWithAnOutboxNoticeAndNoAnswerValues() throws Exception {
        String rid = submitPhq9(1, 0);
        List<Map<String, Object>> open = alertsOfResponse(rid, "open");
        assertEquals(1, open.size());
        Map<String, Object> alert = open.get(0);
        assertEquals("item9_positive", alert.get("rule"));
        assertEquals("phq9", alert.get("instrumentId"));
        assertEquals(false, alert.get("overdue"));
        String payload = single("SELECT payload::text FROM outbox_event WHERE dedup_key = ?",
                "alert.raised:" + alert.get("id"));
        // Thin notice (issue 19): the alert's id, not its rule - staff read the rule through the API.
        assertTrue(payload.contains((String) alert.get("id")), payload);
        assertFalse(payload.contains("item9"), "no rule code in the notice: " + payload);
        assertFalse(payload.contains("phq9_q"), "no item ids or answer values in the notice");
        // the other study's clinician does not see it
        List<Map<String, Object>> others = as(TestTokens.clinician(OTHER_CLINICIAN)).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().path("items");
        assertTrue(others.stream().noneMatch(a -> rid.equals(a.get("responseId"))));
    }

    @Test
    void missingItem9AndSevereBandRaiseAlerts() {
        String missing = submitPhq9(null, 1);
        assertEquals(List.of("item9_missing"), alertsOfResponse(missing, null).stream().map(a -> a.get("rule")).toList());
        String other = unique("alert-pat2");
        // a severe total (8 x 3 + 0 = 24) with item 9 = 0 raises severe_band only
        patientSub = other;
        enroll(other, "arm-b");
        String severe = submitPhq9(0, 3);
        assertEquals(List.of("severe_band"), alertsOfResponse(severe, null).stream().map(a -> a.get("rule")).toList());
        // exactly these two alerts, nothing else, were raised in the study
        List<Map<String, Object>> all = as(TestTokens.clinician(CLINICIAN)).queryParam("studyId", studyId)
                .when().get("/api/v1/alerts").then().statusCode(200).extract().path("items");
        assertEquals(Map.of(missing, "item9_missing", severe, "severe_band"), all.stream()
                .collect(Collectors.toMap(a -> (String) a.get("responseId"), a -> (String) a.get("rule"))));
    }

    @Test
    void alertPagesFollowTheirCursorAndRefuseAnyOther() {
        String older = submitPhq9(1, 0);
        patientSub = unique("alert-pat2");
        enroll(patientSub, "arm-a");
        String newer = submitPhq9(2, 0);
        RequestSpecification clin = as(TestTokens.clinician(CLINICIAN)).queryParam("studyId", studyId)
                .queryParam("limit", 1);
        JsonPath first = clin.when().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(newer), first.getList("items.responseId"));
        String cursor = first.getString("nextCursor");
        assertTrue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).startsWith("l1:"),
                "the alert list's cursor version");
        JsonPath second = as(TestTokens.clinician(CLINICIAN)).queryParam("studyId", studyId).queryParam("limit", 1)
                .queryParam("cursor", cursor).when().get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(older), second.getList("items.responseId"));
        assertNull(second.getString("nextCursor"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        for (String bad : List.of("garbage", "%%%", b64.encodeToString(("r1:1:" + UUID.randomUUID()).getBytes()),
                b64.encodeToString("a1:1:1".getBytes()), b64.encodeToString("l1:x:1".getBytes()),
                cursor.substring(2))) {
            as(TestTokens.clinician(CLINICIAN)).queryParam("cursor", bad).when().get("/api/v1/alerts")
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("PRO-1200"))
                    .body("errors[0].field", equalTo("cursor")).body("errors[0].code", equalTo("invalid_cursor"));
        }
    }

    @Test
    void alertGoesOpenAcknowledgedResolvedWithWhoWhenAndNote() {
        String rid = submitPhq9(2, 0);
        String id = (String) alertsOfResponse(rid, "open").get(0).get("id");
        RequestSpecification clin = as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON);
        clin.body(Map.of("note", "x")).when().post("/api/v1/alerts/{id}/resolve", id).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("PRO-1504"));
        as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON).body(Map.of("note", "Called the patient"))
                .when().post("/api/v1/alerts/{id}/acknowledge", id).then().statusCode(200)
                .body("status", equalTo("acknowledged"))
                .body("acknowledged.by", equalTo(CLINICIAN))
                .body("acknowledged.at", notNullValue())
                .body("acknowledged.note", equalTo("Called the patient"));
        as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/alerts/{id}/acknowledge", id).then().statusCode(409)
                .body("code", equalTo("PRO-1504"));
        as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/alerts/{id}/resolve", id).then().statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON)
                .body(Map.of("note", "C-SSRS done, safety plan in place"))
                .when().post("/api/v1/alerts/{id}/resolve", id).then().statusCode(200)
                .body("status", equalTo("resolved"))
                .body("resolved.by", equalTo(CLINICIAN))
                .body("resolved.note", equalTo("C-SSRS done, safety plan in place"))
                .body("acknowledged.note", equalTo("Called the patient"));
        assertEquals(1, alertsOfResponse(rid, "resolved").size());
        assertTrue(alertsOfResponse(rid, "open").isEmpty());
        as(TestTokens.clinician(OTHER_CLINICIAN)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/alerts/{id}/acknowledge", id).then().statusCode(404);
    }

    @Test
    void anAlertNotAcknowledgedInTimeIsOverdue() throws Exception {
        String rid = submitPhq9(3, 0);
        String id = (String) alertsOfResponse(rid, "open").get(0).get("id");
        update("UPDATE alert SET raised_at = now() - interval '61 minutes' WHERE id = ?", UUID.fromString(id));
        Map<String, Object> alert = alertsOfResponse(rid, "open").get(0);
        assertEquals(true, alert.get("overdue"));
        as(TestTokens.clinician(CLINICIAN)).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/alerts/{id}/acknowledge", id).then().statusCode(200)
                .body("overdue", equalTo(false));
        JsonPath page = as(TestTokens.clinician(CLINICIAN)).queryParam("status", "bogus").when().get("/api/v1/alerts")
                .then().statusCode(400).extract().jsonPath();
        assertEquals("PRO-1002", page.getString("code"));
    }

    private String single(String sql, Object param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private void update(String sql, Object param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
