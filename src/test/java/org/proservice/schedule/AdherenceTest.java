package org.proservice.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.proservice.schedule.ScheduleApi.clinician;
import static org.proservice.schedule.ScheduleApi.enroll;
import static org.proservice.schedule.ScheduleApi.enrollment;
import static org.proservice.schedule.ScheduleApi.protocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.recordEvent;
import static org.proservice.schedule.ScheduleApi.timepoint;
import static org.proservice.schedule.ScheduleApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/**
 * Adherence counts against values worked out by hand. Four UTC patients, dates relative to today (T):
 * T0 = enrollment + 0, window 0 before / 7 after, phq9 + gad7; T1 = session-1 + 1, 0 / 6, phq9.
 * <pre>
 * P1 arm-a: enrolled T-30, session-1 T-3   T0 [T-30..T-23] missed x2   T1 [T-2..T+4] open
 * P2 arm-a: enrolled T-2                   T0 [T-2..T+5]   open x2     T1 not_scheduled
 * P3 arm-b: enrolled T-10, session-1 T-7   T0 [T-10..T-3]  missed, gad7 excused
 *                                          T1 [T-6..T]     open, closes at the end of today: closing_soon
 * P4 arm-b: enrolled T+3                   T0 [T+3..T+10]  not_yet_open x2   T1 not_scheduled
 * </pre>
 */
@QuarkusTest
class AdherenceTest {

    static final String STAFF = "adh-staff";
    /** Taken when each test starts (JUnit makes an instance per test), so a run across UTC midnight stays consistent. */
    final LocalDate T = LocalDate.now(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;

    UUID patient(UUID study, String code, String arm, LocalDate enrolled) {
        return UUID.fromString(enroll(STAFF, study, enrollment(code, unique("adh"), arm, enrolled, "UTC"))
                .statusCode(201).extract().path("patientId"));
    }

    @Test
    void countsPerArmAndTimepointAndOverdueListMatchTheHandComputedValues() {
        UUID study = fixtures.study(unique("adh"), STAFF);
        publish(study, protocol(List.of("session-1"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("phq9"), null, false)), null)).statusCode(201);
        UUID p1 = patient(study, "P1", "arm-a", T.minusDays(30));
        patient(study, "P2", "arm-a", T.minusDays(2));
        UUID p3 = patient(study, "P3", "arm-b", T.minusDays(10));
        patient(study, "P4", "arm-b", T.plusDays(3));
        recordEvent(STAFF, p1, "session-1", T.minusDays(3)).statusCode(201);
        recordEvent(STAFF, p3, "session-1", T.minusDays(7)).statusCode(201);
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Withdrew consent for GAD-7"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/gad7/excuse", p3).then().statusCode(200);

        JsonPath report = clinician(STAFF).when().get("/api/v1/studies/{id}/adherence", study)
                .then().statusCode(200).body("enrolledPatients", equalTo(4)).body("cells", hasSize(4))
                .extract().jsonPath();

        assertEquals(List.of("arm-a/T0", "arm-a/T1", "arm-b/T0", "arm-b/T1"),
                report.getList("cells", Map.class).stream().map(c -> c.get("arm") + "/" + c.get("timepointKey")).toList());
        // notScheduled, notYetOpen, open, completed, completedLate, missed, excused
        assertCell(report, 0, 2, 4, 0, 0, 2, 0, 0, 2, 0);
        assertCell(report, 1, 2, 2, 1, 0, 1, 0, 0, 0, 0);
        assertCell(report, 2, 2, 4, 0, 2, 0, 0, 0, 1, 1);
        assertCell(report, 3, 2, 2, 1, 0, 1, 0, 0, 0, 0);

        assertEquals(List.of("P3/T1/closing_soon/[phq9]/" + T.plusDays(1) + "T00:00:00Z",
                "P3/T0/missed/[phq9]/" + T.minusDays(2) + "T00:00:00Z",
                "P1/T0/missed/[phq9, gad7]/" + T.minusDays(22) + "T00:00:00Z"),
                report.getList("overdue", Map.class).stream().map(o -> o.get("subjectCode") + "/"
                        + o.get("timepointKey") + "/" + o.get("reason") + "/" + o.get("instruments") + "/"
                        + o.get("deadline")).toList());
    }

    private static void assertCell(JsonPath r, int i, int patients, int tasks, int notScheduled, int notYetOpen,
            int open, int completed, int completedLate, int missed, int excused) {
        String c = "cells[" + i + "].";
        assertEquals(List.of(patients, tasks, notScheduled, notYetOpen, open, completed, completedLate, missed, excused),
                List.of(r.getInt(c + "patients"), r.getInt(c + "tasks"), r.getInt(c + "counts.notScheduled"),
                        r.getInt(c + "counts.notYetOpen"), r.getInt(c + "counts.open"),
                        r.getInt(c + "counts.completed"), r.getInt(c + "counts.completedLate"),
                        r.getInt(c + "counts.missed"), r.getInt(c + "counts.excused")), "cell " + i);
    }

    @Test
    void emptyStudyReportsZeroCellsForEveryArmAndTimepoint() {
        UUID study = fixtures.study(unique("adh-empty"), STAFF);
        publish(study, protocol(List.of("session-1"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9"), null, true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("phq9"), List.of("arm-b"), false)), null))
                .statusCode(201);
        clinician(STAFF).when().get("/api/v1/studies/{id}/adherence", study).then().statusCode(200)
                .body("enrolledPatients", equalTo(0))
                .body("cells.timepointKey", equalTo(List.of("T0", "T0", "T1")))
                .body("cells.arm", equalTo(List.of("arm-a", "arm-b", "arm-b")))
                .body("cells[0].counts.open", equalTo(0))
                .body("overdue", hasSize(0));
    }
}
