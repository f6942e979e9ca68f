package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.study.Study;
import org.proservice.study.StudyRepository;
import org.proservice.support.TestTokens;

@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Inject
    StudyRepository studies;

    @Test
    void demoStudyIsSeededOnceAndShowsAStudyInProgressInEveryView() {
        demo.seed(LocalDate.now(ZoneOffset.UTC));
        assertFalse(demo.seed(LocalDate.now(ZoneOffset.UTC)), "second seed does nothing");
        List<Study> found = studies.list("name", DemoData.STUDY_NAME);
        assertEquals(1, found.size());
        UUID study = found.get(0).id;

        Map<String, List<String>> openByPatient = Map.of(
                "demo-patient-1", List.of("T3"), "demo-patient-2", List.of("T2"),
                "demo-patient-3", List.of("T0"), "demo-patient-4", List.of("T1"));
        openByPatient.forEach((subject, timepoints) -> asPatient(subject)
                .when().get("/api/v1/me/tasks?status=open").then().statusCode(200)
                .body("tasks", hasSize(4))
                .body("tasks.timepointKey", equalTo(List.of(timepoints.get(0), timepoints.get(0), timepoints.get(0),
                        timepoints.get(0))))
                .body("tasks.instrumentId", equalTo(List.of("phq9", "gad7", "pcl5", "bpi-sf"))));
        asPatient("demo-patient-7").when().get("/api/v1/me/tasks?status=open").then().statusCode(200)
                .body("tasks", hasSize(0));
        asPatient("demo-patient-2").when().get("/api/v1/me/tasks?timepoint=T1&instrument=phq9").then()
                .statusCode(200).body("tasks[0].status", equalTo("completed_late"));

        asClinician().when().get("/api/v1/studies/{id}/adherence", study).then().statusCode(200)
                .body("enrolledPatients", equalTo(8))
                .body("cells.arm", equalTo(List.of("psychedelic-im", "psychedelic-im", "psychedelic-im",
                        "psychedelic-im", "psycholytic-sl", "psycholytic-sl", "psycholytic-sl", "psycholytic-sl")))
                .body("cells[0].counts.completed", equalTo(12))  // KAPT-001, 005, 007 T0
                .body("cells[0].counts.open", equalTo(4))        // KAPT-003 T0
                .body("cells[3].counts.completed", equalTo(4))   // KAPT-007 T3
                .body("cells[3].counts.open", equalTo(4))        // KAPT-001 T3
                .body("cells[4].counts.completed", equalTo(15))  // KAPT-002, 006, 008 and three of KAPT-004 T0
                .body("cells[4].counts.missed", equalTo(1))      // KAPT-004 T0 BPI-SF
                .body("cells[5].counts.completedLate", equalTo(4)) // KAPT-002 T1
                .body("cells[5].counts.open", equalTo(4));       // KAPT-004 T1

        String p1 = asClinician().when().get("/api/v1/studies/{id}/enrollments", study).then().statusCode(200)
                .extract().path("find { it.subjectCode == 'KAPT-001' }.patientId");
        asClinician().when().get("/api/v1/patients/{pid}/scores?instrument=phq9", p1).then().statusCode(200)
                .body("baselineStatus", equalTo("present"))
                .body("points.total", equalTo(List.of(19, 13, 8)))
                .body("points[2].change[0].reduction", equalTo(11.0f))
                .body("points[2].change[0].thresholds.response_ge_50pct_reduction", equalTo(true));

        asClinician().when().get("/api/v1/studies/{id}/summary?instrument=phq9", study).then().statusCode(200)
                .body("rows.find { it.arm == 'psychedelic-im' && it.timepointKey == 'T0' }.n", equalTo(3))
                .body("rows.find { it.arm == 'psychedelic-im' && it.timepointKey == 'T2' }.n", equalTo(3))
                .body("rows.find { it.arm == 'psychedelic-im' && it.timepointKey == 'T2' }.meanChangeFromBaseline",
                        lessThan(-9.0f))
                .body("rows.find { it.arm == 'psycholytic-sl' && it.timepointKey == 'T1' }.n", equalTo(3))
                .body("rows.find { it.arm == 'psycholytic-sl' && it.timepointKey == 'T1' }.meanChangeFromBaseline",
                        lessThan(0.0f));

        asClinician().when().get("/api/v1/alerts?status=open").then().statusCode(200)
                .body("items.findAll { it.studyId == '" + study + "' }", hasSize(1))
                .body("items.find { it.studyId == '" + study + "' }.rule", equalTo("item9_positive"))
                .body("items.find { it.studyId == '" + study + "' }.subjectCode", equalTo("KAPT-002"));

        String csv = asClinician().when().get("/api/v1/studies/{id}/export.csv", study).then().statusCode(200)
                .extract().asString();
        assertEquals(79, csv.lines().filter(l -> l.contains("KAPT-")).count(), "one row per submitted response");

        asClinician().when().get("/api/v1/patients/{pid}/fhir", p1).then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("entry.findAll { it.resource.resourceType == 'QuestionnaireResponse' }", hasSize(12))
                .body("entry.size()", greaterThanOrEqualTo(13)); // and score Observations

        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("demo-clinician-2")))
                .when().get("/api/v1/studies/{id}/adherence", study).then().statusCode(404);
    }

    private static RequestSpecification asPatient(String subject) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.patient(subject)));
    }

    private static RequestSpecification asClinician() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.clinician("demo-clinician")));
    }
}
