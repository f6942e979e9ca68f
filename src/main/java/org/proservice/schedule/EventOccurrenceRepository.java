package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EventOccurrenceRepository implements PanacheRepositoryBase<EventOccurrence, UUID> {

    public Optional<EventOccurrence> find(UUID enrollmentId, String anchor) {
        return find("enrollmentId = ?1 and anchor = ?2", enrollmentId, anchor).firstResultOptional();
    }

    public List<EventOccurrence> listByEnrollments(Collection<UUID> enrollmentIds) {
        if (enrollmentIds.isEmpty()) {
            return List.of();
        }
        if (enrollmentIds.size() == 1) {
            // a single-valued parameter keeps Hibernate's translated query cached (an IN list is translated anew)
            return list("enrollmentId = ?1 order by localDate, anchor", enrollmentIds.iterator().next());
        }
        return list("enrollmentId in ?1 order by enrollmentId, localDate, anchor", enrollmentIds);
    }

    /** Every event of every enrollment of the study, in one query. */
    public List<EventOccurrence> listByStudy(UUID studyId) {
        return list("enrollmentId in (select e.id from Enrollment e where e.studyId = ?1)", studyId);
    }
}
