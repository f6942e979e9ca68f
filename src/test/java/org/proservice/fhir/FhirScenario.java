package org.proservice.fhir;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * A study with one patient whose record exercises every FHIR resource: PHQ-9 at T0 (total 14) with item 9 positive (an alert,
 * then acknowledged and resolved: a closed Flag), PHQ-9 at T1 with item 9 positive again (an open Flag), GAD-7 and
 * BPI-SF at T0. Everything goes through the API.
 */
final class FhirScenario {

    final String clinician;
    final String patientSubject;
    final String subjectCode;
    final UUID studyId;
    final UUID patientId;
    final List<String> responseIds = new ArrayList<>();

    private FhirScenario(String clinician, String patientSubject, String subjectCode, UUID studyId, UUID patientId) {
        this.clinician = clinician;
        this.patientSubject = patientSubject;
        this.subjectCode = subjectCode;
        this.studyId = studyId;
        this.patientId = patientId;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    /** A study (clinician as staff, T0 at enrollment, T1 the day after session-1) and one enrolled patient. */
    static FhirScenario enrolled(Fixtures fixtures, boolean withT1) {
        String clinician = unique("fhir-clin");
        UUID studyId = fixtures.study(unique("fhir-study"), clinician);
        publishProtocol(studyId);
        String subject = unique("fhir-pat");
        String code = unique("S");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", code);
        body.put("identitySubject", subject);
        body.put("arm", "arm-a");
        body.put("enrollmentDate", today.minusDays(2).toString());
        body.put("timeZone", "UTC");
        String pid = as(TestTokens.clinician(clinician)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201)
                .extract().path("patientId");
        if (withT1) {
            as(TestTokens.clinician(clinician)).contentType(ContentType.JSON)
                    .body(Map.of("anchor", "session-1", "date", today.minusDays(1).toString()))
                    .when().post("/api/v1/patients/{pid}/events", pid).then().statusCode(201);
        }
        return new FhirScenario(clinician, subject, code, studyId, UUID.fromString(pid));
    }

    /** The full record: four responses, one closed and one open alert. */
    static FhirScenario withRecord(Fixtures fixtures) {
        FhirScenario s = enrolled(fixtures, true);
        Instant t0 = Instant.now().minusSeconds(900);
        s.submit("T0", "phq9", phq9(14, 1), t0);
        s.submit("T0", "gad7", gad7(), t0.plusSeconds(60));
        s.submit("T0", "bpi-sf", bpi(), t0.plusSeconds(120));
        List<String> alerts = as(TestTokens.clinician(s.clinician)).queryParam("status", "open")
                .when().get("/api/v1/alerts").then().statusCode(200).extract().path("items.id");
        for (String alert : alerts) {
            for (String step : List.of("acknowledge", "resolve")) {
                as(TestTokens.clinician(s.clinician)).contentType(ContentType.JSON)
                        .body(Map.of("note", "Called the patient"))
                        .when().post("/api/v1/alerts/{id}/" + step, alert).then().statusCode(200);
            }
        }
        s.submit("T1", "phq9", phq9(9, 2), Instant.now().minusSeconds(60));
        return s;
    }

    void submit(String timepoint, String instrument, Map<String, Object> answers, Instant completedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timepointKey", timepoint);
        body.put("instrumentId", instrument);
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", completedAt.toString());
        responseIds.add(as(TestTokens.patient(patientSubject)).contentType(ContentType.JSON)
                .header("Idempotency-Key", unique("k")).body(body)
                .when().post("/api/v1/me/responses").then().statusCode(201).extract().path("id"));
    }

    private static void publishProtocol(UUID studyId) {
        List<String> all = List.of("phq9", "gad7", "pcl5", "bpi-sf");
        Map<String, Object> body = new HashMap<>();
        body.put("anchors", List.of("session-1"));
        body.put("timepoints", List.of(timepoint("T0", "enrollment", 0, 0, 7, all, true),
                timepoint("T1", "session-1", 1, 0, 6, all, false)));
        body.put("lateSubmissions", "accept_marked_late");
        as(TestTokens.admin("fhir-admin")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/protocol-versions", studyId).then().statusCode(201);
    }

    private static Map<String, Object> timepoint(String key, String anchor, int offset, int before, int after,
            List<String> instruments, boolean baseline) {
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("key", key);
        tp.put("label", "Label " + key);
        tp.put("anchor", anchor);
        tp.put("offsetDays", offset);
        tp.put("windowDaysBefore", before);
        tp.put("windowDaysAfter", after);
        tp.put("instruments", instruments);
        tp.put("baseline", baseline);
        return tp;
    }

    /** PHQ-9 answers whose items sum to {@code total} (item 9 = {@code item9}); difficulty 1. */
    static Map<String, Object> phq9(int total, int item9) {
        Map<String, Object> answers = new LinkedHashMap<>();
        int rest = total - item9;
        for (int i = 1; i <= 8; i++) {
            int v = Math.min(3, rest);
            answers.put("phq9_q" + i, v);
            rest -= v;
        }
        answers.put("phq9_q9", item9);
        answers.put("phq9_difficulty", 1);
        return answers;
    }

    /** GAD-7 total 11 (moderate). */
    static Map<String, Object> gad7() {
        Map<String, Object> answers = new LinkedHashMap<>();
        int[] values = { 2, 2, 1, 2, 1, 2, 1 };
        for (int i = 0; i < values.length; i++) {
            answers.put("gad7_q" + (i + 1), values[i]);
        }
        return answers;
    }

    /** BPI-SF with worst pain 7 and interference items 4,4,4,4,4,4,5 (mean 29/7). */
    static Map<String, Object> bpi() {
        Map<String, Object> bpi = new LinkedHashMap<>();
        bpi.put("bpi_q1_pain_today", 1);
        bpi.put("bpi_q3_worst", 7);
        bpi.put("bpi_q4_least", 2);
        bpi.put("bpi_q5_average", 5);
        bpi.put("bpi_q6_now", 4);
        bpi.put("bpi_q8_relief_pct", 30);
        for (String item : List.of("a_general_activity", "b_mood", "c_walking_ability", "d_normal_work",
                "e_relations", "f_sleep")) {
            bpi.put("bpi_q9" + item, 4);
        }
        bpi.put("bpi_q9g_enjoyment_of_life", 5);
        return bpi;
    }
}
