package org.proservice.schedule;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.schedule.TaskPlanner.PlannedTask;

/**
 * Query filters of the task lists: {@code status} (repeatable or comma-separated, e.g. {@code ?status=open} for
 * "what is due now"), {@code timepoint} (key) and {@code instrument} (id). Absent means no filter.
 */
public record TaskFilter(Set<TaskStatus> statuses, String timepoint, String instrument) {

    public static TaskFilter parse(List<String> statusParams, String timepoint, String instrument) {
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        List<FieldError> errors = new ArrayList<>();
        if (statusParams != null) {
            for (String param : statusParams) {
                for (String s : param.split(",")) {
                    if (s.isBlank()) {
                        continue;
                    }
                    Optional<TaskStatus> status = TaskStatus.fromWire(s.strip());
                    status.ifPresentOrElse(statuses::add, () -> errors.add(new FieldError("status", "unknown_status",
                            "must be one of not_scheduled, not_yet_open, open, completed, completed_late, missed, excused")));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Unknown task status in the filter", errors.subList(0, 1));
        }
        return new TaskFilter(statuses, blankToNull(timepoint), blankToNull(instrument));
    }

    public boolean matches(PlannedTask t) {
        return (statuses.isEmpty() || statuses.contains(t.status()))
                && (timepoint == null || timepoint.equals(t.timepoint().key()))
                && (instrument == null || instrument.equals(t.instrumentId()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
