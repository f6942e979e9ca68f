package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EnrollmentRepository implements PanacheRepositoryBase<Enrollment, UUID> {

    public List<Enrollment> listByPatient(UUID patientId) {
        return list("patientId = ?1 order by enrolledAt, id", patientId);
    }

    public List<Enrollment> listByStudy(UUID studyId) {
        return list("studyId = ?1 order by subjectCode", studyId);
    }

    public Optional<Enrollment> findByPatientAndStudy(UUID patientId, UUID studyId) {
        return find("patientId = ?1 and studyId = ?2", patientId, studyId).firstResultOptional();
    }

    public Optional<Enrollment> findBySubjectCode(UUID studyId, String subjectCode) {
        return find("studyId = ?1 and subjectCode = ?2", studyId, subjectCode).firstResultOptional();
    }
}
