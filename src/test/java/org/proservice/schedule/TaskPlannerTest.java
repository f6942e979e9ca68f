package org.proservice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.proservice.schedule.TaskPlanner.EnrollmentFacts;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.schedule.TaskPlanner.TaskKey;
import org.proservice.study.protocol.Protocol;
import org.proservice.study.protocol.ProtocolDraft;
import org.proservice.study.protocol.ProtocolDraft.TimepointDraft;
import org.proservice.study.protocol.ProtocolValidator;

class TaskPlannerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Protocol protocol() {
        List<TimepointDraft> tps = new ArrayList<>();
        tps.add(new TimepointDraft("T0", "Baseline", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true));
        tps.add(new TimepointDraft("T1", "After session 1", "session-1", 1, 0, 6, List.of("phq9"), null, false));
        tps.add(new TimepointDraft("T1-sl", "SL extra", "session-1", 2, 0, 2, List.of("bpi-sf"),
                List.of("psycholytic-sl"), false));
        ProtocolDraft d = new ProtocolDraft(List.of("session-1", "session-3"), tps, null, null);
        return new ProtocolValidator(Set.copyOf(org.proservice.support.BuiltInCatalog.ids()), Set.of("psychedelic-im", "psycholytic-sl")).validate(d)
                .protocol().orElseThrow();
    }

    static EnrollmentFacts facts(String arm, Map<String, LocalDate> events, Set<TaskKey> excused,
            Map<TaskKey, List<Instant>> completions) {
        return new EnrollmentFacts(arm, LocalDate.of(2026, 3, 2), protocol(), events, ZoneHistory.single(BERLIN),
                excused, completions);
    }

    static List<String> summary(List<PlannedTask> tasks) {
        return tasks.stream().map(t -> t.timepoint().key() + "/" + t.instrumentId() + "=" + t.status().wireName())
                .toList();
    }

    @Test
    void tasksFollowProtocolOrderAndTheArmFilter() {
        Instant now = Instant.parse("2026-03-03T10:00:00Z");
        assertEquals(List.of("T0/phq9=open", "T0/gad7=open", "T1/phq9=not_scheduled"),
                summary(TaskPlanner.plan(facts("psychedelic-im", Map.of(), Set.of(), Map.of()), now)));
        assertEquals(List.of("T0/phq9=open", "T0/gad7=open", "T1/phq9=not_scheduled", "T1-sl/bpi-sf=not_scheduled"),
                summary(TaskPlanner.plan(facts("psycholytic-sl", Map.of(), Set.of(), Map.of()), now)));
    }

    @Test
    void recordingTheAnchorEventSchedulesItsTimepoints() {
        Instant now = Instant.parse("2026-03-12T10:00:00Z");
        List<PlannedTask> tasks = TaskPlanner.plan(facts("psycholytic-sl",
                Map.of("session-1", LocalDate.of(2026, 3, 10)), Set.of(), Map.of()), now);
        assertEquals(List.of("T0/phq9=missed", "T0/gad7=missed", "T1/phq9=open", "T1-sl/bpi-sf=open"),
                summary(tasks));
        PlannedTask t1 = tasks.get(2);
        assertEquals(LocalDate.of(2026, 3, 10), t1.anchorDate());
        assertEquals(Instant.parse("2026-03-10T23:00:00Z"), t1.window().opens());
        assertEquals(Instant.parse("2026-03-17T23:00:00Z"), t1.window().closes());
    }

    @Test
    void eventRecordedLateCanYieldATaskThatIsAlreadyMissed() {
        // session-1 happened on 03-03 but is recorded on 03-20: T1's window (03-04..03-10) is long closed.
        Instant now = Instant.parse("2026-03-20T09:00:00Z");
        List<PlannedTask> tasks = TaskPlanner.plan(facts("psychedelic-im",
                Map.of("session-1", LocalDate.of(2026, 3, 3)), Set.of(), Map.of()), now);
        assertEquals("T1/phq9=missed", summary(tasks).get(2));
    }

    @Test
    void completionsAndExcusalsApplyPerTimepointAndInstrument() {
        Instant now = Instant.parse("2026-03-12T10:00:00Z");
        List<PlannedTask> tasks = TaskPlanner.plan(facts("psychedelic-im", Map.of(),
                Set.of(new TaskKey("T0", "gad7"), new TaskKey("T1", "phq9")),
                Map.of(new TaskKey("T0", "phq9"), List.of(Instant.parse("2026-03-03T08:00:00Z")))), now);
        assertEquals(List.of("T0/phq9=completed", "T0/gad7=excused", "T1/phq9=excused"), summary(tasks));
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), tasks.get(0).state().completedAt());
        assertNull(tasks.get(2).window());
    }
}
