package org.proservice.schedule;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.support.TestTokens;

/** Small REST helpers for schedule tests: publish protocols, enroll, record events, read tasks. */
final class ScheduleApi {

    static final String ADMIN = "sched-admin";
    static final List<String> ALL_INSTRUMENTS = List.of("phq9", "gad7", "pcl5", "bpi-sf");

    private ScheduleApi() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    static RequestSpecification admin() {
        return as(TestTokens.admin(ADMIN));
    }

    static RequestSpecification clinician(String subject) {
        return as(TestTokens.clinician(subject));
    }

    static Map<String, Object> timepoint(String key, String anchor, int offset, int before, int after,
            List<String> instruments, List<String> arms, boolean baseline) {
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("key", key);
        tp.put("label", "Label " + key);
        tp.put("anchor", anchor);
        tp.put("offsetDays", offset);
        tp.put("windowDaysBefore", before);
        tp.put("windowDaysAfter", after);
        tp.put("instruments", instruments);
        if (arms != null) {
            tp.put("arms", arms);
        }
        tp.put("baseline", baseline);
        return tp;
    }

    /** T0 at enrollment (0 before / 7 after), T1..T3 one day after session-1/3/6 (0 before / 6 after). */
    static Map<String, Object> pilotProtocol(Boolean migrate) {
        List<Object> tps = new ArrayList<>();
        tps.add(timepoint("T0", "enrollment", 0, 0, 7, ALL_INSTRUMENTS, null, true));
        tps.add(timepoint("T1", "session-1", 1, 0, 6, ALL_INSTRUMENTS, null, false));
        tps.add(timepoint("T2", "session-3", 1, 0, 6, ALL_INSTRUMENTS, null, false));
        tps.add(timepoint("T3", "session-6", 1, 0, 6, ALL_INSTRUMENTS, null, false));
        return protocol(List.of("session-1", "session-3", "session-6"), tps, migrate);
    }

    static Map<String, Object> protocol(List<String> anchors, List<Object> timepoints, Boolean migrate) {
        Map<String, Object> body = new HashMap<>();
        body.put("anchors", anchors);
        body.put("timepoints", timepoints);
        if (migrate != null) {
            body.put("migrateEnrolled", migrate);
        }
        return body;
    }

    static ValidatableResponse publish(UUID studyId, Object body) {
        return admin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/protocol-versions", studyId).then();
    }

    static Map<String, Object> enrollment(String code, String subject, String arm, LocalDate date, String zone) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", code);
        body.put("identitySubject", subject);
        body.put("arm", arm);
        body.put("enrollmentDate", date == null ? null : date.toString());
        body.put("timeZone", zone);
        return body;
    }

    static ValidatableResponse enroll(String clinician, UUID studyId, Map<String, Object> body) {
        return clinician(clinician).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", studyId).then();
    }

    /** Enrolls and returns the patient id. */
    static UUID enrolled(String clinician, UUID studyId, String arm, LocalDate date, String zone) {
        String subject = unique("pat");
        String id = enroll(clinician, studyId, enrollment(unique("S"), subject, arm, date, zone))
                .statusCode(201).extract().path("patientId");
        return UUID.fromString(id);
    }

    static ValidatableResponse recordEvent(String clinician, UUID patientId, String anchor, LocalDate date) {
        return clinician(clinician).contentType(ContentType.JSON)
                .body(Map.of("anchor", anchor, "date", date.toString()))
                .when().post("/api/v1/patients/{pid}/events", patientId).then();
    }

    static ValidatableResponse tasks(String clinician, UUID patientId) {
        return clinician(clinician).when().get("/api/v1/patients/{pid}/tasks", patientId).then().statusCode(200);
    }

    /** "T0/phq9=open" for each task, in order. */
    static List<String> summary(ValidatableResponse tasks) {
        List<Map<String, Object>> list = tasks.extract().path("tasks");
        return list.stream().map(t -> t.get("timepointKey") + "/" + t.get("instrumentId") + "=" + t.get("status"))
                .toList();
    }
}
