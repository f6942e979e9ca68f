package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TaskExcusalRepository implements PanacheRepositoryBase<TaskExcusal, UUID> {

    public List<TaskExcusal> listByEnrollments(Collection<UUID> enrollmentIds) {
        if (enrollmentIds.isEmpty()) {
            return List.of();
        }
        if (enrollmentIds.size() == 1) {
            // a single-valued parameter keeps Hibernate's translated query cached (an IN list is translated anew)
            return list("enrollmentId = ?1", enrollmentIds.iterator().next());
        }
        return list("enrollmentId in ?1", enrollmentIds);
    }

    public List<TaskExcusal> listByStudy(UUID studyId) {
        return list("enrollmentId in (select e.id from Enrollment e where e.studyId = ?1)", studyId);
    }

    public boolean exists(UUID enrollmentId, String timepointKey, String instrumentId) {
        return count("enrollmentId = ?1 and timepointKey = ?2 and instrumentId = ?3", enrollmentId, timepointKey,
                instrumentId) > 0;
    }
}
