package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
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
    void demoStudyIsSeededOnceAndShowsEveryKindOfTask() {
        demo.seed(LocalDate.now(ZoneOffset.UTC));
        assertFalse(demo.seed(LocalDate.now(ZoneOffset.UTC)), "second seed does nothing");
        List<Study> found = studies.list("name", DemoData.STUDY_NAME);
        assertEquals(1, found.size());
        UUID study = found.get(0).id;

        Map<String, List<String>> openByPatient = Map.of(
                "demo-patient-1", List.of("T3"), "demo-patient-2", List.of("T2"),
                "demo-patient-3", List.of("T0"), "demo-patient-4", List.of("T1"));
        openByPatient.forEach((subject, timepoints) -> given()
                .header("Authorization", TestTokens.bearer(TestTokens.patient(subject)))
                .when().get("/api/v1/me/tasks?status=open").then().statusCode(200)
                .body("tasks", hasSize(4))
                .body("tasks.timepointKey", equalTo(List.of(timepoints.get(0), timepoints.get(0), timepoints.get(0),
                        timepoints.get(0))))
                .body("tasks.instrumentId", equalTo(List.of("phq9", "gad7", "pcl5", "bpi-sf"))));

        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("demo-clinician")))
                .when().get("/api/v1/studies/{id}/adherence", study).then().statusCode(200)
                .body("enrolledPatients", equalTo(4))
                .body("cells.arm", equalTo(List.of("psychedelic-im", "psychedelic-im", "psychedelic-im",
                        "psychedelic-im", "psycholytic-sl", "psycholytic-sl", "psycholytic-sl", "psycholytic-sl")))
                .body("cells[0].counts.missed", equalTo(4))   // KAPT-001 T0
                .body("cells[0].counts.open", equalTo(4))     // KAPT-003 T0
                .body("cells[3].counts.open", equalTo(4))     // KAPT-001 T3
                .body("cells[3].counts.notScheduled", equalTo(4)); // KAPT-003 T3
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("demo-clinician-2")))
                .when().get("/api/v1/studies/{id}/adherence", study).then().statusCode(404);
    }
}
