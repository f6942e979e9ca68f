package org.proservice.schedule;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.schedule.TaskPlanner.TaskKey;

/** Default {@link TaskCompletionSource} while no responses feature provides one: nothing is completed. */
@DefaultBean
@ApplicationScoped
public class NoTaskCompletions implements TaskCompletionSource {

    @Override
    public Map<UUID, Map<TaskKey, List<Instant>>> completions(Collection<UUID> enrollmentIds) {
        return Map.of();
    }

    @Override
    public Map<UUID, Map<TaskKey, List<Instant>>> completionsOfStudy(UUID studyId) {
        return Map.of();
    }
}
