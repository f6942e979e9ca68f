package org.proservice.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.patient.PatientRepository;
import org.proservice.patient.PatientTimeZoneRepository;
import org.proservice.schedule.EnrollmentRepository;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.StudyStaffRepository;
import org.proservice.support.Fixtures;

/** The entities match the Flyway schema: rows written through them read back unchanged. */
@QuarkusTest
class CoreModelMappingTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StudyArmRepository arms;
    @Inject
    StudyStaffRepository staff;
    @Inject
    PatientRepository patients;
    @Inject
    PatientTimeZoneRepository zones;
    @Inject
    EnrollmentRepository enrollments;

    @Test
    void studyPatientAndEnrollmentRoundTripThroughTheSchema() {
        String tag = UUID.randomUUID().toString();
        UUID study = fixtures.study("Mapping " + tag, "clin-" + tag);
        UUID patient = fixtures.enrolledPatient(study, "pat-" + tag, "MAP-" + tag.substring(0, 8));

        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(2, arms.listByStudy(study).size());
            assertTrue(staff.isStaff(study, "clin-" + tag));
            assertEquals(patient, patients.findByIdentitySubject("pat-" + tag).orElseThrow().id);
            assertTrue(patients.isVisibleToStaff(patient, "clin-" + tag));
            assertEquals("Europe/Zurich", zones.inForceAt(patient, Instant.now()).orElseThrow().zoneId);
            assertEquals("arm-a", enrollments.findByPatientAndStudy(patient, study).orElseThrow().armCode);
        });
    }
}
