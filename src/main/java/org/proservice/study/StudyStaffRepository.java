package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StudyStaffRepository implements PanacheRepositoryBase<StudyStaff, UUID> {

    public List<StudyStaff> listByStudy(UUID studyId) {
        return list("studyId = ?1 order by subject", studyId);
    }

    public List<StudyStaff> listByStudies(Collection<UUID> studyIds) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        return list("studyId in ?1 order by studyId, subject", studyIds);
    }

    public Optional<StudyStaff> findMember(UUID studyId, String subject) {
        return find("studyId = ?1 and subject = ?2", studyId, subject).firstResultOptional();
    }

    public boolean isStaff(UUID studyId, String subject) {
        return count("studyId = ?1 and subject = ?2", studyId, subject) > 0;
    }

    /** The studies the subject is staff of, in a stable order. */
    public List<UUID> studyIdsOf(String subject) {
        return getEntityManager()
                .createQuery("select s.studyId from StudyStaff s where s.subject = :subject order by s.studyId",
                        UUID.class)
                .setParameter("subject", subject)
                .getResultList();
    }
}
