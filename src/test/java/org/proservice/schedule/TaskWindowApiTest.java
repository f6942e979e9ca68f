package org.proservice.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.proservice.schedule.ScheduleApi.clinician;
import static org.proservice.schedule.ScheduleApi.enrolled;
import static org.proservice.schedule.ScheduleApi.protocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.recordEvent;
import static org.proservice.schedule.ScheduleApi.tasks;
import static org.proservice.schedule.ScheduleApi.timepoint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/** Windows through the API: daylight-saving days, a zone without DST, and a patient who changes zone. */
@QuarkusTest
class TaskWindowApiTest {

    static final String STAFF = "win-staff";

    @Inject
    Fixtures fixtures;

    UUID study;

    @BeforeEach
    void oneDayWindows() {
        study = fixtures.study(ScheduleApi.unique("win"), STAFF);
        // T0: the enrollment day itself; T1: the day of session-1; T2: session-3 + 2 days, 1 before / 1 after.
        publish(study, protocol(List.of("session-1", "session-3"), List.of(
                timepoint("T0", "enrollment", 0, 0, 0, List.of("phq9"), null, true),
                timepoint("T1", "session-1", 0, 0, 0, List.of("phq9"), null, false),
                timepoint("T2", "session-3", 2, 1, 1, List.of("gad7"), null, false)), null)).statusCode(201);
    }

    @Test
    void marchChangeInNewYorkGivesA23HourDay() {
        UUID p = enrolled(STAFF, study, "arm-a", LocalDate.of(2026, 3, 8), "America/New_York");
        tasks(STAFF, p).body("tasks[0].timepointKey", equalTo("T0"))
                .body("tasks[0].firstDay", equalTo("2026-03-08"))
                .body("tasks[0].lastDay", equalTo("2026-03-08"))
                .body("tasks[0].opens", equalTo("2026-03-08T05:00:00Z"))
                .body("tasks[0].closes", equalTo("2026-03-09T04:00:00Z"))
                .body("tasks[0].deadline", equalTo("2026-03-09T04:00:00Z"))
                .body("tasks[0].timeZone", equalTo("America/New_York"));
    }

    @Test
    void novemberChangeInNewYorkGivesA25HourDay() {
        UUID p = enrolled(STAFF, study, "arm-a", LocalDate.of(2026, 10, 20), "America/New_York");
        recordEvent(STAFF, p, "session-1", LocalDate.of(2026, 11, 1)).statusCode(201);
        tasks(STAFF, p).body("tasks[1].timepointKey", equalTo("T1"))
                .body("tasks[1].anchorDate", equalTo("2026-11-01"))
                .body("tasks[1].opens", equalTo("2026-11-01T04:00:00Z"))
                .body("tasks[1].closes", equalTo("2026-11-02T05:00:00Z"));
    }

    @Test
    void multiDayWindowAcrossTheMarchChange() {
        UUID p = enrolled(STAFF, study, "arm-a", LocalDate.of(2026, 3, 1), "America/New_York");
        recordEvent(STAFF, p, "session-3", LocalDate.of(2026, 3, 6)).statusCode(201);
        // due 03-08, window 03-07 .. 03-09 local: 05:00Z (EST) to 04:00Z (EDT) = 71 hours.
        tasks(STAFF, p).body("tasks[2].timepointKey", equalTo("T2"))
                .body("tasks[2].dueDate", equalTo("2026-03-08"))
                .body("tasks[2].opens", equalTo("2026-03-07T05:00:00Z"))
                .body("tasks[2].closes", equalTo("2026-03-10T04:00:00Z"));
    }

    @Test
    void zoneWithoutDaylightSavingHas24HourDaysOnTheSameDates() {
        UUID p = enrolled(STAFF, study, "arm-a", LocalDate.of(2026, 3, 8), "Asia/Kolkata");
        recordEvent(STAFF, p, "session-1", LocalDate.of(2026, 11, 1)).statusCode(201);
        tasks(STAFF, p).body("tasks[0].opens", equalTo("2026-03-07T18:30:00Z"))
                .body("tasks[0].closes", equalTo("2026-03-08T18:30:00Z"))
                .body("tasks[1].opens", equalTo("2026-10-31T18:30:00Z"))
                .body("tasks[1].closes", equalTo("2026-11-01T18:30:00Z"))
                .body("tasks[1].timeZone", equalTo("Asia/Kolkata"));
    }

    @Test
    void patientWhoChangesZoneMidStudyKeepsEarlierWindowsAndGetsLaterOnesInTheNewZone() {
        UUID p = enrolled(STAFF, study, "arm-a", LocalDate.of(2026, 3, 2), "America/New_York");
        clinician(STAFF).contentType(ContentType.JSON)
                .body(Map.of("timeZone", "Europe/Berlin", "effectiveFrom", "2026-03-20T12:00:00Z"))
                .when().post("/api/v1/patients/{pid}/time-zones", p)
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("current", equalTo("Europe/Berlin"))
                .body("history", hasSize(2))
                .body("history[0].timeZone", equalTo("America/New_York"))
                .body("history[0].validFrom", equalTo("2026-03-02T05:00:00Z"))
                .body("history[1].validFrom", equalTo("2026-03-20T12:00:00Z"));
        recordEvent(STAFF, p, "session-1", LocalDate.of(2026, 3, 23)).statusCode(201);
        tasks(STAFF, p)
                .body("tasks[0].opens", equalTo("2026-03-02T05:00:00Z"))       // New York, EST
                .body("tasks[0].timeZone", equalTo("America/New_York"))
                .body("tasks[1].opens", equalTo("2026-03-22T23:00:00Z"))       // Berlin, CET
                .body("tasks[1].closes", equalTo("2026-03-23T23:00:00Z"))
                .body("tasks[1].timeZone", equalTo("Europe/Berlin"));
        clinician(STAFF).when().get("/api/v1/patients/{pid}/time-zones", p)
                .then().statusCode(200).body("history.timeZone", equalTo(List.of("America/New_York", "Europe/Berlin")));
    }

    @Test
    void zoneChangeMustFollowTheLatestAndNameARealZone() {
        UUID p = enrolled(STAFF, study, "arm-a", LocalDate.of(2026, 3, 2), "America/New_York");
        clinician(STAFF).contentType(ContentType.JSON)
                .body(Map.of("timeZone", "Europe/Berlin", "effectiveFrom", "2026-03-01T00:00:00Z"))
                .when().post("/api/v1/patients/{pid}/time-zones", p)
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1308")).body("errors[0].field", equalTo("effectiveFrom"));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("timeZone", "Europe/Atlantis"))
                .when().post("/api/v1/patients/{pid}/time-zones", p)
                .then().statusCode(422).body("code", equalTo("PRO-1308")).body("errors[0].field", equalTo("timeZone"));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("timeZone", "America/New_York"))
                .when().post("/api/v1/patients/{pid}/time-zones", p)
                .then().statusCode(200).body("history", hasSize(1));
    }
}
