package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StudyArmRepository implements PanacheRepositoryBase<StudyArm, UUID> {

    public List<StudyArm> listByStudy(UUID studyId) {
        return list("studyId = ?1 order by position", studyId);
    }

    public List<StudyArm> listByStudies(Collection<UUID> studyIds) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        return list("studyId in ?1 order by studyId, position", studyIds);
    }

    public Optional<StudyArm> findByCode(UUID studyId, String code) {
        return find("studyId = ?1 and code = ?2", studyId, code).firstResultOptional();
    }
}
