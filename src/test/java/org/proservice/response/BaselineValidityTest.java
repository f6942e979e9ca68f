package org.proservice.response;

import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.proservice.response.ResponseApi.clinician;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.recordEvent;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitFor;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * A baseline completed on or after the patient's local day of the treatment-start event (the protocol's
 * baselineMustPrecede, by default the first event anchor) is reported as after_treatment_start and used for no
 * change, responder or summary change column.
 */
@QuarkusTest
class BaselineValidityTest {

    static final String CLINICIAN = "resp-baseline-clin";
    static final LocalDate TODAY = todayUtc();

    @Inject
    Fixtures fixtures;

    UUID studyId;

    @BeforeEach
    void setUp() {
        studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
    }

    UUID enroll(LocalDate date, String zone) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", unique("B"));
        body.put("identitySubject", unique("pat"));
        body.put("arm", "arm-a");
        body.put("enrollmentDate", date.toString());
        body.put("timeZone", zone);
        return UUID.fromString(clinician(CLINICIAN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201)
                .extract().path("patientId"));
    }

    void phq9At(UUID patient, String timepoint, int total, Instant completedAt) {
        submitFor(CLINICIAN, patient, unique("k"), submission(timepoint, "phq9", phq9(total, 0), completedAt))
                .statusCode(201);
    }

    ValidatableResponse series(UUID patient) {
        return clinician(CLINICIAN).queryParam("instrument", "phq9")
                .when().get("/api/v1/patients/{pid}/scores", patient).then().statusCode(200);
    }

    ValidatableResponse summary() {
        return clinician(CLINICIAN).queryParam("instrument", "phq9")
                .when().get("/api/v1/studies/{id}/summary", studyId).then().statusCode(200);
    }

    static Instant daysAgo(int days) {
        return TODAY.minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void baselineTakenAfterTreatmentStartedIsReportedAndNotUsedForChange() {
        UUID late = enroll(TODAY.minusDays(30), "UTC");
        recordEvent(CLINICIAN, late, "session-1", TODAY.minusDays(20));
        phq9At(late, "T1", 6, daysAgo(18));
        phq9At(late, "T0", 20, daysAgo(1)); // six weeks late, after session 1 and T1
        series(late).body("baselineStatus", equalTo("after_treatment_start"))
                .body("baseline.baselineStatus", equalTo("after_treatment_start"))
                .body("points.find { it.timepointKey == 'T1' }.change", empty())
                .body("points.find { it.timepointKey == 'T1' }.baselineStatus", nullValue());

        UUID valid = enroll(TODAY.minusDays(30), "UTC");
        recordEvent(CLINICIAN, valid, "session-1", TODAY.minusDays(20));
        phq9At(valid, "T0", 20, daysAgo(25));
        phq9At(valid, "T1", 8, daysAgo(18));
        series(valid).body("baselineStatus", equalTo("present"))
                .body("baseline.baselineStatus", equalTo("valid"))
                .body("points.find { it.timepointKey == 'T1' }.change[0].reduction", equalTo(12.0f));

        // The summary pairs only the valid baseline and says what it left out.
        summary().body("rows.find { it.timepointKey == 'T0' }.n", equalTo(2))
                .body("rows.find { it.timepointKey == 'T0' }.baselinesExcluded.after_treatment_start", equalTo(1))
                .body("rows.find { it.timepointKey == 'T1' }.nWithBaseline", equalTo(1))
                .body("rows.find { it.timepointKey == 'T1' }.meanChangeFromBaseline", equalTo(-12.0f))
                .body("rows.find { it.timepointKey == 'T1' }.responders", equalTo(1))
                .body("rows.find { it.timepointKey == 'T1' }.baselinesExcluded.after_treatment_start", equalTo(1));
    }

    @Test
    void theLocalDayOfTheEventDecidesInThePatientsZone() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        LocalDate session = LocalDate.now(kolkata).minusDays(5);
        // 23:30 local on the day before the session is before treatment: valid
        UUID before = enroll(session.minusDays(3), "Asia/Kolkata");
        recordEvent(CLINICIAN, before, "session-1", session);
        phq9At(before, "T0", 10, session.minusDays(1).atTime(LocalTime.of(23, 30)).atZone(kolkata).toInstant());
        series(before).body("baselineStatus", equalTo("present"));
        // 00:30 local on the session day (still the previous day in UTC) is on the day treatment started
        UUID sameDay = enroll(session.minusDays(3), "Asia/Kolkata");
        recordEvent(CLINICIAN, sameDay, "session-1", session);
        phq9At(sameDay, "T0", 10, session.atTime(LocalTime.of(0, 30)).atZone(kolkata).toInstant());
        series(sameDay).body("baselineStatus", equalTo("after_treatment_start"));
        summary().body("rows.find { it.timepointKey == 'T0' }.baselinesExcluded.after_treatment_start", equalTo(1));
    }

    @Test
    void baselineCountsAsValidWhileTreatmentStartIsNotRecorded() {
        UUID p = enroll(TODAY.minusDays(3), "UTC");
        phq9At(p, "T0", 10, daysAgo(1));
        series(p).body("baselineStatus", equalTo("present")).body("baseline.baselineStatus", equalTo("valid"));
        summary().body("rows.find { it.timepointKey == 'T0' }.baselinesExcluded", anEmptyMap());
    }

    @Test
    void protocolNamesTheEventABaselineMustPrecedeAndDefaultsToTheFirstEventAnchor() {
        UUID study = fixtures.study(unique("bl-proto"), CLINICIAN);
        Map<String, Object> body = protocol(List.of("screening", "session-1"), "enrollment", null);
        admin().body(body).when().post("/api/v1/studies/{id}/protocol-versions", study).then().statusCode(201)
                .body("baselineMustPrecede", equalTo("screening"));
        Map<String, Object> named = protocol(List.of("screening", "session-1"), "screening", "session-1");
        named.put("migrateEnrolled", false);
        admin().body(named).when().post("/api/v1/studies/{id}/protocol-versions", study).then().statusCode(201)
                .body("baselineMustPrecede", equalTo("session-1"));
    }

    @Test
    void protocolWhereBaselineValidityCannotBeDecidedIsRefused() {
        UUID study = fixtures.study(unique("bl-bad"), CLINICIAN);
        // the default event (session-1) is the baseline's own anchor: it cannot precede it
        admin().body(protocol(List.of("session-1"), "session-1", null))
                .when().post("/api/v1/studies/{id}/protocol-versions", study).then().statusCode(422)
                .body("code", equalTo("PRO-1300"))
                .body("errors.find { it.field == 'timepoints[0].anchor' }.code",
                        equalTo("baseline_not_before_treatment"));
        // a named event that is not an event anchor
        admin().body(protocol(List.of("session-1"), "enrollment", "enrollment"))
                .when().post("/api/v1/studies/{id}/protocol-versions", study).then().statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("baselineMustPrecede"))
                .body("errors[0].code", equalTo("unknown_event_anchor"));
        // an event listed after the baseline's anchor... the baseline anchored on session-3, treatment at session-1
        admin().body(protocol(List.of("session-1", "session-3"), "session-3", "session-1"))
                .when().post("/api/v1/studies/{id}/protocol-versions", study).then().statusCode(422)
                .body("errors[0].code", equalTo("baseline_not_before_treatment"));
    }

    static io.restassured.specification.RequestSpecification admin() {
        return ResponseApi.as(TestTokens.admin(ResponseApi.ADMIN)).contentType(ContentType.JSON);
    }

    static Map<String, Object> protocol(List<String> anchors, String baselineAnchor, String mustPrecede) {
        Map<String, Object> body = new HashMap<>();
        body.put("anchors", anchors);
        body.put("timepoints", List.of(
                ResponseApi.timepoint("T0", baselineAnchor, 0, 0, 7, List.of("phq9"), true),
                ResponseApi.timepoint("T1", anchors.get(anchors.size() - 1), 1, 0, 6, List.of("phq9"), false)));
        if (mustPrecede != null) {
            body.put("baselineMustPrecede", mustPrecede);
        }
        return body;
    }
}
