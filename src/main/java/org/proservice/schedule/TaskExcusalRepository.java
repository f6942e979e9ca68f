package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TaskExcusalRepository implements PanacheRepositoryBase<TaskExcusal, UUID> {

    public List<TaskExcusal> listByStudy(UUID studyId) {
        return list("enrollmentId in (select e.id from Enrollment e where e.studyId = ?1)", studyId);
    }

    public boolean exists(UUID enrollmentId, String timepointKey, String instrumentId) {
        return count("enrollmentId = ?1 and timepointKey = ?2 and instrumentId = ?3", enrollmentId, timepointKey,
                instrumentId) > 0;
    }
}
