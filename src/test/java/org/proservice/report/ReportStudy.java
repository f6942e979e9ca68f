package org.proservice.report;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * A two-arm study for the report tests, built through the API: T0 (baseline, at enrollment), T1 (a day after
 * session-1), late submissions accepted. Four patients, two per arm, each with PHQ-9 and GAD-7 at T0 and T1.
 *
 * <pre>
 *            PHQ-9 T0  T1     GAD-7 T0  T1
 * arm-a  A1      20    8          15    6
 * arm-a  A2      14   10          12    9
 * arm-b  B1      18    9          16   11
 * arm-b  B2      11   12 (3 amended to 12)  10   12
 * </pre>
 * A1 answers T1 late (after its window closed); B2's T1 PHQ-9 is amended from 3 to 12.
 */
final class ReportStudy {

    static final String CLINICIAN = "report-clin";
    static final String OTHER_CLINICIAN = "report-clin-other";

    final UUID studyId;
    final UUID otherStudyId;
    final Map<String, UUID> patients = new LinkedHashMap<>();
    final Map<String, String> subjects = new LinkedHashMap<>();
    final Map<String, String> codes = new LinkedHashMap<>();

    private ReportStudy(UUID studyId, UUID otherStudyId) {
        this.studyId = studyId;
        this.otherStudyId = otherStudyId;
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    static RequestSpecification clinician() {
        return as(TestTokens.clinician(CLINICIAN));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ReportStudy create(Fixtures fixtures) {
        ReportStudy s = new ReportStudy(fixtures.study(unique("Report study"), CLINICIAN),
                fixtures.study(unique("Other study"), OTHER_CLINICIAN));
        s.publishProtocol();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate enrolled = today.minusDays(20);
        Instant t0 = enrolled.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600 * 10);
        Object[][] plan = { { "A1", "arm-a", 20, 8, 15, 6 }, { "A2", "arm-a", 14, 10, 12, 9 },
            { "B1", "arm-b", 18, 9, 16, 11 }, { "B2", "arm-b", 11, 3, 10, 12 } };
        for (Object[] p : plan) {
            String name = (String) p[0];
            String sub = unique("report-" + name);
            String code = unique("R" + name);
            UUID pid = s.enroll((String) p[1], enrolled, sub, code);
            s.patients.put(name, pid);
            s.subjects.put(name, sub);
            s.codes.put(name, code);
            LocalDate session = enrolled.plusDays(7);
            recordEvent(pid, "session-1", session);
            // T1 is due the day after session-1; its window closes 6 days later. A1 answers late (today).
            Instant t1 = name.equals("A1") ? Instant.now().minusSeconds(120)
                    : session.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600 * 9);
            submit(sub, "T0", "phq9", phq9((Integer) p[2]), t0);
            submit(sub, "T0", "gad7", gad7((Integer) p[4]), t0);
            String phqT1 = submit(sub, "T1", "phq9", phq9((Integer) p[3]), t1);
            submit(sub, "T1", "gad7", gad7((Integer) p[5]), t1);
            if (name.equals("B2")) {
                clinician().contentType(ContentType.JSON)
                        .body(Map.of("reason", "Paper form transcribed wrongly", "answers", phq9(12)))
                        .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", pid, phqT1)
                        .then().statusCode(201);
            }
        }
        return s;
    }

    private void publishProtocol() {
        List<String> instruments = List.of("phq9", "gad7", "pcl5", "bpi-sf");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("anchors", List.of("session-1"));
        body.put("timepoints", List.of(
                timepoint("T0", "Baseline", "enrollment", 0, 7, instruments, true),
                timepoint("T1", "After session 1", "session-1", 1, 6, instruments, false)));
        body.put("lateSubmissions", "accept_marked_late");
        as(TestTokens.admin("report-admin")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/protocol-versions", studyId).then().statusCode(201);
    }

    private static Map<String, Object> timepoint(String key, String label, String anchor, int offset, int after,
            List<String> instruments, boolean baseline) {
        Map<String, Object> tp = new LinkedHashMap<>();
        tp.put("key", key);
        tp.put("label", label);
        tp.put("anchor", anchor);
        tp.put("offsetDays", offset);
        tp.put("windowDaysBefore", 0);
        tp.put("windowDaysAfter", after);
        tp.put("instruments", instruments);
        tp.put("baseline", baseline);
        return tp;
    }

    private UUID enroll(String arm, LocalDate date, String identitySubject, String subjectCode) {
        Map<String, Object> body = Map.of("subjectCode", subjectCode, "identitySubject", identitySubject,
                "arm", arm, "enrollmentDate", date.toString(), "timeZone", "UTC");
        String id = clinician().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201)
                .extract().path("patientId");
        return UUID.fromString(id);
    }

    private static void recordEvent(UUID patientId, String anchor, LocalDate date) {
        clinician().contentType(ContentType.JSON).body(Map.of("anchor", anchor, "date", date.toString()))
                .when().post("/api/v1/patients/{pid}/events", patientId).then().statusCode(201);
    }

    private static String submit(String subject, String timepoint, String instrument, Map<String, Object> answers,
            Instant completedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timepointKey", timepoint);
        body.put("instrumentId", instrument);
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", completedAt.toString());
        return as(TestTokens.patient(subject)).contentType(ContentType.JSON).body(body)
                .header("Idempotency-Key", unique("k"))
                .when().post("/api/v1/me/responses").then().statusCode(201).extract().path("id");
    }

    /** PHQ-9 answers summing to {@code total}, item 9 = 0. */
    static Map<String, Object> phq9(int total) {
        Map<String, Object> a = items("phq9_q", 8, total);
        a.put("phq9_q9", 0);
        a.put("phq9_difficulty", 1);
        return a;
    }

    static Map<String, Object> gad7(int total) {
        Map<String, Object> a = items("gad7_q", 7, total);
        a.put("gad7_difficulty", 1);
        return a;
    }

    private static Map<String, Object> items(String prefix, int count, int total) {
        Map<String, Object> a = new LinkedHashMap<>();
        int rest = total;
        for (int i = 1; i <= count; i++) {
            int v = Math.min(3, rest);
            a.put(prefix + i, v);
            rest -= v;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("total too high");
        }
        return a;
    }
}
