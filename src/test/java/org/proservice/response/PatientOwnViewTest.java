package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/** GET /me, GET /me/scores, the study's patient settings and the crisis message on a patient's own submission. */
@QuarkusTest
class PatientOwnViewTest {

    static final String STAFF = "own-view-clinician";
    static final String CRISIS_TEXT = "If you are thinking about harming yourself, please talk to someone now.";
    static final String CRISIS_CONTACT = "Study team, 24 h: +1 555 0100";

    @Inject
    Fixtures fixtures;

    UUID study;
    String alice;
    String bob;
    String aliceCode;
    String bobCode;

    @BeforeEach
    void setUp() {
        study = ResponseApi.study(fixtures, STAFF, "accept_marked_late");
        alice = ResponseApi.unique("own-alice");
        bob = ResponseApi.unique("own-bob");
        aliceCode = ResponseApi.unique("A");
        bobCode = ResponseApi.unique("B");
        ResponseApi.enroll(STAFF, study, "arm-a", ResponseApi.todayUtc(), alice, aliceCode);
        ResponseApi.enroll(STAFF, study, "arm-b", ResponseApi.todayUtc(), bob, bobCode);
    }

    @Test
    void meShowsOnlyTheCallersEnrollmentWithWhatIsDueNextAndNoArmInABlindedStudy() {
        ResponseApi.patient(alice).when().get("/api/v1/me").then().statusCode(200)
                .body("subject", equalTo(alice))
                .body("enrollments", hasSize(1))
                .body("enrollments[0].studyId", equalTo(study.toString()))
                .body("enrollments[0].subjectCode", equalTo(aliceCode))
                .body("enrollments[0].arm", nullValue())
                .body("enrollments[0].next.timepointKey", equalTo("T0"))
                .body("enrollments[0].next.status", equalTo("open"))
                .body("enrollments[0].next.instruments", equalTo(List.of("phq9", "gad7", "pcl5", "bpi-sf")))
                .body("enrollments[0].next.deadline", notNullValue())
                .body("enrollments.subjectCode", not(hasItem(bobCode)));
        ResponseApi.patient(alice).when().get("/api/v1/me/tasks").then().statusCode(200)
                .body("tasks.arm", everyItem(nullValue()));

        settings(true, List.of(), null).statusCode(200).body("armVisible", equalTo(true));
        ResponseApi.patient(alice).when().get("/api/v1/me").then().statusCode(200)
                .body("enrollments[0].arm", equalTo("arm-a"));
        ResponseApi.patient(alice).when().get("/api/v1/me/tasks").then().statusCode(200)
                .body("tasks.arm", everyItem(equalTo("arm-a")));
        ResponseApi.patient(bob).when().get("/api/v1/me").then().statusCode(200)
                .body("enrollments", hasSize(1)).body("enrollments[0].subjectCode", equalTo(bobCode))
                .body("enrollments[0].arm", equalTo("arm-b"));
    }

    @Test
    void nextDueMovesOnWhenTheBaselineIsDone() {
        Instant now = Instant.now();
        for (String instrument : List.of("phq9", "gad7", "pcl5")) {
            ResponseApi.submitOwn(alice, UUID.randomUUID().toString(),
                    ResponseApi.submission("T0", instrument, answers(instrument), now)).statusCode(201);
        }
        ResponseApi.patient(alice).when().get("/api/v1/me").then().statusCode(200)
                .body("enrollments[0].next.timepointKey", equalTo("T0"))
                .body("enrollments[0].next.instruments", equalTo(List.of("bpi-sf")));
    }

    @Test
    void meNeedsAPatientRecordAndThePatientRole() {
        ResponseApi.patient(ResponseApi.unique("own-nobody")).when().get("/api/v1/me").then().statusCode(404)
                .body("code", equalTo("PRO-1003"));
        ResponseApi.clinician(STAFF).when().get("/api/v1/me").then().statusCode(403);
        ResponseApi.clinician(STAFF).when().get("/api/v1/me/scores").then().statusCode(403);
    }

    @Test
    void myScoresShowNothingUntilTheStudyOptsInAndThenOnlyTheCallersOwnSeries() {
        Instant now = Instant.now();
        String aliceResponse = ResponseApi.submitOwn(alice, UUID.randomUUID().toString(),
                ResponseApi.submission("T0", "phq9", ResponseApi.phq9(12, 0), now)).statusCode(201).extract().path("id");
        ResponseApi.submitOwn(alice, UUID.randomUUID().toString(),
                ResponseApi.submission("T0", "gad7", answers("gad7"), now)).statusCode(201);
        String bobResponse = ResponseApi.submitOwn(bob, UUID.randomUUID().toString(),
                ResponseApi.submission("T0", "phq9", ResponseApi.phq9(20, 0), now)).statusCode(201).extract().path("id");

        ResponseApi.patient(alice).when().get("/api/v1/me/scores").then().statusCode(200).body("series", hasSize(0));

        settings(false, List.of("phq9"), null).statusCode(200);
        ValidatableResponse mine = ResponseApi.patient(alice).when().get("/api/v1/me/scores").then().statusCode(200)
                .body("series", hasSize(1))
                .body("series[0].instrumentId", equalTo("phq9"))
                .body("series[0].studyId", equalTo(study.toString()))
                .body("series[0].points", hasSize(1))
                .body("series[0].points[0].responseId", equalTo(aliceResponse))
                .body("series[0].points[0].total", equalTo(12))
                .body("series[0].baselineStatus", equalTo("present"));
        assertFalse(mine.extract().asString().contains(bobResponse), "another patient's response never appears");
        ResponseApi.patient(alice).when().get("/api/v1/me/scores?instrument=gad7").then().statusCode(200)
                .body("series", hasSize(0));
        ResponseApi.patient(alice).when().get("/api/v1/me/scores?instrument=nope").then().statusCode(400)
                .body("code", equalTo("PRO-1002"));
        ResponseApi.patient(bob).when().get("/api/v1/me/scores").then().statusCode(200)
                .body("series[0].points", hasSize(1))
                .body("series[0].points[0].responseId", equalTo(bobResponse));
    }

    @Test
    void aSubmissionThatRaisesAnAlertCarriesTheStudysCrisisMessageToThatPatientOnly() {
        Instant now = Instant.now();
        String key = UUID.randomUUID().toString();
        Map<String, Object> positive = ResponseApi.submission("T0", "phq9", ResponseApi.phq9(14, 2), now);
        // no crisis message configured yet: the alert is raised, the answer has none
        UUID carol = ResponseApi.enroll(STAFF, study, "arm-a", ResponseApi.todayUtc(), ResponseApi.unique("own-carol"),
                ResponseApi.unique("C"));
        ResponseApi.submitFor(STAFF, carol, UUID.randomUUID().toString(), positive).statusCode(201)
                .body("crisisMessage", nullValue());

        settings(false, List.of(), Map.of("text", CRISIS_TEXT, "contact", CRISIS_CONTACT)).statusCode(200)
                .body("crisisMessage.text", equalTo(CRISIS_TEXT));
        ResponseApi.submitOwn(alice, key, positive).statusCode(201)
                .body("crisisMessage.text", equalTo(CRISIS_TEXT))
                .body("crisisMessage.contact", equalTo(CRISIS_CONTACT));
        ResponseApi.submitOwn(alice, key, positive).statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("crisisMessage.text", equalTo(CRISIS_TEXT));
        ResponseApi.submitOwn(bob, UUID.randomUUID().toString(),
                ResponseApi.submission("T0", "phq9", ResponseApi.phq9(14, 0), now)).statusCode(201)
                .body("crisisMessage", nullValue());
        ResponseApi.patient(bob).when().get("/api/v1/me/responses").then().statusCode(200)
                .body("items.crisisMessage", everyItem(nullValue()));
    }

    @Test
    void patientSettingsAreValidatedAndOnlyForStaffOfTheStudy() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("scoreInstruments", List.of("phq9", "phq9", "nope"));
        bad.put("crisisMessage", Map.of("text", " ", "contact", "x".repeat(501)));
        ResponseApi.clinician(STAFF).contentType(ContentType.JSON).body(bad)
                .when().put("/api/v1/studies/{id}/patient-settings", study).then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("PRO-1607"))
                .body("errors.field", equalTo(List.of("armVisible", "scoreInstruments[1]", "scoreInstruments[2]",
                        "crisisMessage.text", "crisisMessage.contact")));
        ResponseApi.clinician(STAFF).when().get("/api/v1/studies/{id}/patient-settings", study).then()
                .statusCode(200).body("armVisible", equalTo(false)).body("scoreInstruments", hasSize(0))
                .body("crisisMessage", nullValue());
        ResponseApi.clinician("own-view-outsider").when().get("/api/v1/studies/{id}/patient-settings", study)
                .then().statusCode(404);
        ResponseApi.patient(alice).when().get("/api/v1/studies/{id}/patient-settings", study).then().statusCode(403);
    }

    private ValidatableResponse settings(boolean armVisible, List<String> instruments, Map<String, Object> crisis) {
        Map<String, Object> body = new HashMap<>();
        body.put("armVisible", armVisible);
        body.put("scoreInstruments", instruments);
        body.put("crisisMessage", crisis);
        return ResponseApi.clinician(STAFF).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/studies/{id}/patient-settings", study).then();
    }

    private static Map<String, Object> answers(String instrument) {
        Map<String, Object> a = new LinkedHashMap<>();
        switch (instrument) {
            case "phq9" -> a.putAll(ResponseApi.phq9(5, 0));
            case "gad7" -> {
                for (int i = 1; i <= 7; i++) {
                    a.put("gad7_q" + i, 1);
                }
                a.put("gad7_difficulty", 1);
            }
            case "pcl5" -> {
                for (int i = 1; i <= 20; i++) {
                    a.put("pcl5_q" + i, 1);
                }
            }
            default -> throw new IllegalArgumentException(instrument);
        }
        return a;
    }
}
