package org.proservice.patient;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Raw access to patient rows. Services reach patients through {@link org.proservice.security.AccessPolicy}. */
@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<Patient, UUID> {

    public Optional<Patient> findByIdentitySubject(String subject) {
        return find("identitySubject", subject).firstResultOptional();
    }

    /** True when the patient is enrolled in a study where {@code staffSubject} is staff. */
    public boolean isVisibleToStaff(UUID patientId, String staffSubject) {
        Long n = getEntityManager().createQuery("""
                select count(e) from Enrollment e
                where e.patientId = :patient
                  and exists (select 1 from StudyStaff s where s.studyId = e.studyId and s.subject = :subject)
                """, Long.class)
                .setParameter("patient", patientId)
                .setParameter("subject", staffSubject)
                .getSingleResult();
        return n > 0;
    }
}
