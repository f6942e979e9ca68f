package org.proservice.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.proservice.schedule.ScheduleApi.clinician;
import static org.proservice.schedule.ScheduleApi.enroll;
import static org.proservice.schedule.ScheduleApi.enrolled;
import static org.proservice.schedule.ScheduleApi.enrollment;
import static org.proservice.schedule.ScheduleApi.protocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.recordEvent;
import static org.proservice.schedule.ScheduleApi.summary;
import static org.proservice.schedule.ScheduleApi.tasks;
import static org.proservice.schedule.ScheduleApi.timepoint;
import static org.proservice.schedule.ScheduleApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.audit.AuditEvent;
import org.proservice.audit.AuditEventRepository;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * Events, corrections, arm filters, protocol version changes, excusals and the patient's own view. Dates are
 * relative to today (UTC patients), so that statuses do not depend on when the tests run.
 */
@QuarkusTest
class EventsAndTasksTest {

    static final String STAFF = "evt-staff";
    /** Taken when each test starts (JUnit makes an instance per test), so a run across UTC midnight stays consistent. */
    final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;

    @Inject
    AuditEventRepository auditEvents;

    static List<Object> v1Timepoints() {
        return List.of(timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("phq9"), null, false));
    }

    UUID study(String name) {
        UUID study = fixtures.study(unique(name), STAFF);
        publish(study, protocol(List.of("session-1", "session-3"), v1Timepoints(), null)).statusCode(201);
        return study;
    }

    @Test
    void sessionRecordedLateYieldsAnAlreadyMissedTask() {
        UUID p = enrolled(STAFF, study("evt-late"), "arm-a", TODAY.minusDays(30), "UTC");
        assertEquals(List.of("T0/phq9=missed", "T0/gad7=missed", "T1/phq9=not_scheduled"), summary(tasks(STAFF, p)));
        // session-1 happened 20 days ago and is recorded only now: T1's window (days 19..13 ago) is over.
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(20)).statusCode(201)
                .body("anchor", equalTo("session-1")).body("revision", equalTo(1))
                .body("previousDate", nullValue());
        tasks(STAFF, p).body("tasks[2].status", equalTo("missed"))
                .body("tasks[2].firstDay", equalTo(TODAY.minusDays(19).toString()))
                .body("tasks[2].lastDay", equalTo(TODAY.minusDays(13).toString()));
    }

    @Test
    void correctingAnEventMovesTheWindowAndKeepsThePreviousDateInTheAuditTrail() {
        UUID p = enrolled(STAFF, study("evt-correct"), "arm-a", TODAY.minusDays(30), "UTC");
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(20)).statusCode(201);
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(2)).statusCode(200)
                .body("date", equalTo(TODAY.minusDays(2).toString()))
                .body("previousDate", equalTo(TODAY.minusDays(20).toString()))
                .body("revision", equalTo(2));
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(2)).statusCode(200).body("revision", equalTo(2));
        tasks(STAFF, p).body("tasks[2].status", equalTo("open"));
        clinician(STAFF).when().get("/api/v1/patients/{pid}/events", p).then().statusCode(200)
                .body("", hasSize(1)).body("[0].date", equalTo(TODAY.minusDays(2).toString()));

        List<AuditEvent> trail = auditEvents.list(
                "patientId = ?1 and resourceType = 'event_occurrence' and action in ('create', 'update') order by id", p);
        assertEquals(3, trail.size());
        assertEquals(TODAY.minusDays(20).toString(), trail.get(0).detail.get("date"));
        assertEquals(TODAY.minusDays(20).toString(), trail.get(1).detail.get("previousDate"));
        assertEquals(TODAY.minusDays(2).toString(), trail.get(1).detail.get("date"));
        assertEquals(true, trail.get(2).detail.get("unchanged"));
        trail.forEach(e -> assertFalse(e.requestId == null || e.requestId.isBlank(), "request id on every row"));
    }

    @Test
    void onlyEventAnchorsOfThePatientsProtocolCanBeRecorded() {
        UUID p = enrolled(STAFF, study("evt-anchor"), "arm-a", TODAY.minusDays(10), "UTC");
        recordEvent(STAFF, p, "session-6", TODAY).statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1305")).body("errors[0].field", equalTo("anchor"))
                .body("errors[0].code", equalTo("unknown_anchor"));
        recordEvent(STAFF, p, "enrollment", TODAY).statusCode(422).body("errors[0].field", equalTo("anchor"));
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(11)).statusCode(422)
                .body("errors[0].field", equalTo("date")).body("errors[0].code", equalTo("before_enrollment"));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("anchor", "session-1"))
                .when().post("/api/v1/patients/{pid}/events", p)
                .then().statusCode(400).body("code", equalTo("PRO-1002")).body("errors[0].field", equalTo("date"));
    }

    @Test
    void armFilterGivesATimepointOnlyToItsArm() {
        UUID study = fixtures.study(unique("evt-arms"), STAFF);
        publish(study, protocol(List.of("session-1"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9"), null, true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("phq9"), null, false),
                timepoint("T1-b", "session-1", 1, 0, 6, List.of("bpi-sf"), List.of("arm-b"), false)), null))
                .statusCode(201);
        UUID a = enrolled(STAFF, study, "arm-a", TODAY, "UTC");
        UUID b = enrolled(STAFF, study, "arm-b", TODAY, "UTC");
        assertEquals(List.of("T0/phq9=open", "T1/phq9=not_scheduled"), summary(tasks(STAFF, a)));
        assertEquals(List.of("T0/phq9=open", "T1/phq9=not_scheduled", "T1-b/bpi-sf=not_scheduled"),
                summary(tasks(STAFF, b)));
    }

    @Test
    void newVersionWithoutMigrationLeavesEnrolledPatientsOnTheirVersion() {
        UUID study = study("evt-v-keep");
        UUID early = enrolled(STAFF, study, "arm-a", TODAY, "UTC");
        publish(study, protocol(List.of("session-1", "session-3"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("phq9"), null, false),
                timepoint("T2", "session-3", 1, 0, 6, List.of("phq9"), null, false)), false))
                .statusCode(201).body("migratedEnrollments", equalTo(0));
        UUID late = enrolled(STAFF, study, "arm-a", TODAY, "UTC");
        tasks(STAFF, early).body("tasks.protocolVersion", equalTo(List.of(1, 1, 1)))
                .body("tasks.timepointKey", equalTo(List.of("T0", "T0", "T1")));
        tasks(STAFF, late).body("tasks.protocolVersion", equalTo(List.of(2, 2, 2, 2)))
                .body("tasks.timepointKey", equalTo(List.of("T0", "T0", "T1", "T2")));
    }

    @Test
    void newVersionWithMigrationMovesEveryEnrolledPatientKeepingEventsAndExcusals() {
        UUID study = study("evt-v-move");
        UUID p = enrolled(STAFF, study, "arm-a", TODAY.minusDays(3), "UTC");
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(1)).statusCode(201);
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Device lost"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/gad7/excuse", p).then().statusCode(200);
        publish(study, protocol(List.of("session-1", "session-3"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true),
                timepoint("T1", "session-1", 2, 0, 6, List.of("phq9", "pcl5"), null, false)), true))
                .statusCode(201).body("migratedEnrollments", equalTo(1));
        assertEquals(List.of("T0/phq9=open", "T0/gad7=excused", "T1/phq9=not_yet_open", "T1/pcl5=not_yet_open"),
                summary(tasks(STAFF, p)));
        tasks(STAFF, p).body("tasks[2].protocolVersion", equalTo(2))
                .body("tasks[2].firstDay", equalTo(TODAY.plusDays(1).toString()));
        List<AuditEvent> moved = auditEvents.list("patientId = ?1 and resourceType = 'enrollment' and action = 'update'", p);
        assertEquals(1, moved.size());
        assertEquals(1, ((Number) moved.get(0).detail.get("protocolVersionFrom")).intValue());
        assertEquals(2, ((Number) moved.get(0).detail.get("protocolVersionTo")).intValue());
    }

    @Test
    void clinicianExcusesATaskWithAReasonThatStaysOutOfTheAuditTrail() {
        UUID p = enrolled(STAFF, study("evt-excuse"), "arm-a", TODAY.minusDays(30), "UTC");
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Hospitalised during the window"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/phq9/excuse", p)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("status", equalTo("excused"))
                .body("excusal.reason", equalTo("Hospitalised during the window"))
                .body("excusal.excusedBy", equalTo(STAFF));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/phq9/excuse", p)
                .then().statusCode(409).body("code", equalTo("PRO-1306"));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/v1/patients/{pid}/tasks/T9/phq9/excuse", p)
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/pcl5/excuse", p)
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post("/api/v1/patients/{pid}/tasks/T0/gad7/excuse", p)
                .then().statusCode(400).body("code", equalTo("PRO-1002"));
        AuditEvent excusal = auditEvents.find("patientId = ?1 and resourceType = 'task_excusal'", p).singleResult();
        assertEquals(Map.of("timepointKey", "T0", "instrumentId", "phq9", "statusBefore", "missed"), excusal.detail);
        assertEquals(List.of("T0/phq9=excused", "T0/gad7=missed", "T1/phq9=not_scheduled"), summary(tasks(STAFF, p)));
    }

    @Test
    void patientSeesOwnTasksOnlyFilteredByStatusAndWithoutExcusalReasons() {
        UUID study = study("evt-me");
        String subject = unique("me");
        enroll(STAFF, study, enrollment(unique("S"), subject, "arm-a", TODAY.minusDays(2), "UTC")).statusCode(201);
        UUID other = enrolled(STAFF, study, "arm-a", TODAY.minusDays(2), "UTC");
        String pid = ScheduleApi.as(TestTokens.patient(subject)).when().get("/api/v1/me/tasks")
                .then().statusCode(200).body("tasks", hasSize(3)).extract().path("tasks[0].patientId");
        assertFalse(other.toString().equals(pid));
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Private clinical note"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/gad7/excuse", UUID.fromString(pid)).then().statusCode(200);
        ScheduleApi.as(TestTokens.patient(subject)).when().get("/api/v1/me/tasks?status=open")
                .then().statusCode(200).body("tasks.instrumentId", equalTo(List.of("phq9")))
                .body("tasks[0].status", equalTo("open"));
        ScheduleApi.as(TestTokens.patient(subject)).queryParam("status", "excused,not_scheduled")
                .when().get("/api/v1/me/tasks")
                .then().statusCode(200).body("tasks.status", equalTo(List.of("excused", "not_scheduled")))
                .body("tasks[0].excusal", nullValue())
                .body("asOf", not(nullValue()));
        ScheduleApi.as(TestTokens.patient(subject)).when().get("/api/v1/me/tasks?status=due")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1002")).body("errors[0].field", equalTo("status"));
        ScheduleApi.as(TestTokens.patient(subject)).when().get("/api/v1/me/tasks?timepoint=T1&instrument=phq9")
                .then().statusCode(200).body("tasks", hasSize(1)).body("tasks[0].status", equalTo("not_scheduled"));
        ScheduleApi.as(TestTokens.patient(unique("not-enrolled"))).when().get("/api/v1/me/tasks")
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
    }
}
