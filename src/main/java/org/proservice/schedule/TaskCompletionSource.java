package org.proservice.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.schedule.TaskPlanner.TaskKey;

/**
 * Where task completions come from: the responses feature implements this with set-based queries over its
 * responses table (completion instant of every <em>current</em>, i.e. non-superseded, response linked to a task).
 * The task status uses the earliest one. Until a real implementation exists, {@link NoTaskCompletions} answers
 * "none".
 *
 * <p>Implementations must answer for many enrollments in one or a few queries (adherence asks for a whole study),
 * and must not check access: the schedule services have done that.
 */
public interface TaskCompletionSource {

    /** Enrollment id -> task -> completion instants, for the given enrollments. Missing keys mean none. */
    Map<UUID, Map<TaskKey, List<Instant>>> completions(Collection<UUID> enrollmentIds);

    /** The same for every enrollment of a study. */
    Map<UUID, Map<TaskKey, List<Instant>>> completionsOfStudy(UUID studyId);
}
