package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.schedule.TaskCompletionSource;
import org.proservice.schedule.TaskPlanner.TaskKey;

/**
 * Task completions from responses, for the schedule feature's status derivation: the completion time of every
 * current (non-superseded) scheduled response. An amendment keeps the original completion time, so correcting a
 * response never changes its task's status. One query per call.
 */
@ApplicationScoped
public class ResponseTaskCompletions implements TaskCompletionSource {

    @Inject
    ResponseRepository responses;

    @Override
    public Map<UUID, Map<TaskKey, List<Instant>>> completions(Collection<UUID> enrollmentIds) {
        if (enrollmentIds.isEmpty()) {
            return Map.of();
        }
        return group(responses.currentTaskCompletions(enrollmentIds, null));
    }

    @Override
    public Map<UUID, Map<TaskKey, List<Instant>>> completionsOfStudy(UUID studyId) {
        return group(responses.currentTaskCompletions(null, studyId));
    }

    private static Map<UUID, Map<TaskKey, List<Instant>>> group(List<Object[]> rows) {
        Map<UUID, Map<TaskKey, List<Instant>>> result = new HashMap<>();
        for (Object[] row : rows) {
            result.computeIfAbsent((UUID) row[0], k -> new HashMap<>())
                    .computeIfAbsent(new TaskKey((String) row[1], (String) row[2]), k -> new ArrayList<>())
                    .add(instant(row[3]));
        }
        return result;
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
