package org.proservice.response;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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
import org.proservice.support.TestTokens;

/** REST helpers for response tests: a study with a protocol, enrolled patients, submissions. */
final class ResponseApi {

    static final String ADMIN = "resp-admin";

    private ResponseApi() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    static RequestSpecification clinician(String subject) {
        return as(TestTokens.clinician(subject));
    }

    static RequestSpecification patient(String subject) {
        return as(TestTokens.patient(subject));
    }

    static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static Map<String, Object> timepoint(String key, String anchor, int offset, int before, int after,
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

    /**
     * T0 at enrollment (window 0 before / 7 after, baseline), T1 one day after session-1 (0 / 6); all four
     * instruments; the given late policy.
     */
    static void publishProtocol(UUID studyId, String latePolicy) {
        List<Object> tps = new ArrayList<>();
        List<String> all = List.of("phq9", "gad7", "pcl5", "bpi-sf");
        tps.add(timepoint("T0", "enrollment", 0, 0, 7, all, true));
        tps.add(timepoint("T1", "session-1", 1, 0, 6, all, false));
        Map<String, Object> body = new HashMap<>();
        body.put("anchors", List.of("session-1"));
        body.put("timepoints", tps);
        body.put("lateSubmissions", latePolicy);
        as(TestTokens.admin(ADMIN)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/protocol-versions", studyId).then().statusCode(201);
    }

    /** Enrolls a new patient (zone UTC) and returns the patient id. */
    static UUID enroll(String clinician, UUID studyId, String arm, LocalDate date, String identitySubject,
            String subjectCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", subjectCode);
        body.put("identitySubject", identitySubject);
        body.put("arm", arm);
        body.put("enrollmentDate", date.toString());
        body.put("timeZone", "UTC");
        String id = clinician(clinician).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201)
                .extract().path("patientId");
        return UUID.fromString(id);
    }

    static void recordEvent(String clinician, UUID patientId, String anchor, LocalDate date) {
        clinician(clinician).contentType(ContentType.JSON).body(Map.of("anchor", anchor, "date", date.toString()))
                .when().post("/api/v1/patients/{pid}/events", patientId).then().statusCode(201);
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
        if (rest != 0) {
            throw new IllegalArgumentException("total too high");
        }
        answers.put("phq9_q9", item9);
        answers.put("phq9_difficulty", 1);
        return answers;
    }

    static Map<String, Object> submission(String timepointKey, String instrumentId, Map<String, Object> answers,
            Instant completedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (timepointKey != null) {
            body.put("timepointKey", timepointKey);
        }
        body.put("instrumentId", instrumentId);
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", completedAt.toString());
        return body;
    }

    static ValidatableResponse submitOwn(String patientSubject, String key, Object body) {
        RequestSpecification r = patient(patientSubject).contentType(ContentType.JSON).body(body);
        if (key != null) {
            r = r.header("Idempotency-Key", key);
        }
        return r.when().post("/api/v1/me/responses").then();
    }

    static ValidatableResponse submitFor(String clinician, UUID patientId, String key, Object body) {
        RequestSpecification r = clinician(clinician).contentType(ContentType.JSON).body(body);
        if (key != null) {
            r = r.header("Idempotency-Key", key);
        }
        return r.when().post("/api/v1/patients/{pid}/responses", patientId).then();
    }

    /** A fresh study (arms arm-a, arm-b; the clinician as staff) with the test protocol. */
    static UUID study(org.proservice.support.Fixtures fixtures, String clinician, String latePolicy) {
        UUID studyId = fixtures.study(unique("resp-study"), clinician);
        publishProtocol(studyId, latePolicy);
        return studyId;
    }
}
