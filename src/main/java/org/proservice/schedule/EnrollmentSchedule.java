package org.proservice.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.proservice.schedule.TaskPlanner.EnrollmentFacts;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.schedule.TaskPlanner.TaskKey;
import org.proservice.study.protocol.ProtocolCache;

/**
 * Everything loaded for one enrollment: its protocol version (absent only for enrollments written without one,
 * e.g. by test fixtures: they have no tasks), the facts the planner needs and the excusal rows for display.
 */
public record EnrollmentSchedule(Enrollment enrollment, Optional<ProtocolCache.Version> protocolVersion,
        Optional<EnrollmentFacts> facts, Map<TaskKey, TaskExcusal> excusals) {

    /** The derived tasks at {@code now}, in protocol order; empty without a protocol version. */
    public List<PlannedTask> tasks(Instant now) {
        return facts.map(f -> TaskPlanner.plan(f, now)).orElse(List.of());
    }

    /** One task at {@code now}, if the patient's protocol and arm have it. */
    public Optional<PlannedTask> task(TaskKey key, Instant now) {
        return tasks(now).stream().filter(t -> t.key().equals(key)).findFirst();
    }
}
