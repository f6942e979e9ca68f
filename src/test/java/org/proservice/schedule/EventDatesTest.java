package org.proservice.schedule;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.proservice.schedule.ScheduleApi.enrolled;
import static org.proservice.schedule.ScheduleApi.pilotProtocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.recordEvent;
import static org.proservice.schedule.ScheduleApi.tasks;
import static org.proservice.schedule.ScheduleApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/** Event dates: not after the patient's local today; session-1, session-3, session-6 in protocol order. */
@QuarkusTest
class EventDatesTest {

    static final String STAFF = "evt-dates-staff";
    /** Taken when each test starts (JUnit makes an instance per test), so a run across UTC midnight stays consistent. */
    final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;

    UUID study;

    @BeforeEach
    void setUp() {
        study = fixtures.study(unique("evt-dates"), STAFF);
        publish(study, pilotProtocol(null)).statusCode(201);
    }

    @Test
    void eventAfterThePatientsLocalTodayIsRefused() {
        for (String zone : new String[] { "Pacific/Kiritimati", "Pacific/Pago_Pago" }) {
            LocalDate localToday = LocalDate.now(ZoneId.of(zone));
            UUID p = enrolled(STAFF, study, "arm-a", TODAY.minusDays(10), zone);
            recordEvent(STAFF, p, "session-1", localToday.plusDays(1)).statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("PRO-1310"))
                    .body("errors[0].field", equalTo("date"))
                    .body("errors[0].code", equalTo("after_local_today"));
            recordEvent(STAFF, p, "session-1", LocalDate.of(2099, 1, 1)).statusCode(422)
                    .body("code", equalTo("PRO-1310"));
            recordEvent(STAFF, p, "session-1", localToday).statusCode(201);
        }
    }

    @Test
    void laterAnchorCannotPrecedeAnEarlierRecordedOne() {
        UUID p = enrolled(STAFF, study, "arm-a", TODAY.minusDays(30), "UTC");
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(20)).statusCode(201);
        recordEvent(STAFF, p, "session-3", TODAY.minusDays(21)).statusCode(422)
                .body("code", equalTo("PRO-1311"))
                .body("errors[0].field", equalTo("date"))
                .body("errors[0].code", equalTo("anchor_order"))
                .body("errors[0].message", allOf(containsString("session-3"), containsString("session-1")));
        // the same day is allowed (two sessions on one day)
        recordEvent(STAFF, p, "session-3", TODAY.minusDays(20)).statusCode(201);
        // session-6 is checked against every earlier anchor, not only its neighbour
        recordEvent(STAFF, p, "session-6", TODAY.minusDays(25)).statusCode(422).body("code", equalTo("PRO-1311"));
    }

    @Test
    void earlierAnchorCannotBeRecordedAfterALaterOne() {
        UUID p = enrolled(STAFF, study, "arm-a", TODAY.minusDays(30), "UTC");
        recordEvent(STAFF, p, "session-3", TODAY.minusDays(10)).statusCode(201);
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(5)).statusCode(422)
                .body("code", equalTo("PRO-1311"))
                .body("errors[0].message", allOf(containsString("session-1"), containsString("session-3")));
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(12)).statusCode(201);
    }

    @Test
    void correctionsAreCheckedTheSameWayAndLeaveTheDateUnchangedWhenRefused() {
        UUID p = enrolled(STAFF, study, "arm-a", TODAY.minusDays(30), "UTC");
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(20)).statusCode(201);
        recordEvent(STAFF, p, "session-3", TODAY.minusDays(10)).statusCode(201);
        // correcting session-3 to before session-1 would open T2 before T1
        recordEvent(STAFF, p, "session-3", TODAY.minusDays(25)).statusCode(422).body("code", equalTo("PRO-1311"));
        recordEvent(STAFF, p, "session-1", TODAY.plusDays(1)).statusCode(422).body("code", equalTo("PRO-1310"));
        recordEvent(STAFF, p, "session-1", TODAY.minusDays(9)).statusCode(422).body("code", equalTo("PRO-1311"));
        tasks(STAFF, p).body("tasks.find { it.timepointKey == 'T1' }.anchorDate",
                equalTo(TODAY.minusDays(20).toString()))
                .body("tasks.find { it.timepointKey == 'T2' }.anchorDate", equalTo(TODAY.minusDays(10).toString()));
        recordEvent(STAFF, p, "session-3", TODAY.minusDays(15)).statusCode(200).body("revision", equalTo(2));
    }
}
