package org.proservice.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemException;
import org.proservice.support.AsCaller;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;

/** The object-level rules, exercised on the policy service itself against the real database. */
@QuarkusTest
class AccessPolicyTest {

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    AsCaller as;
    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows auditRows;

    String tag;
    String clinicianA;
    String clinicianB;
    String patientA;
    String patientB;
    UUID studyA;
    UUID studyB;
    UUID pidA;
    UUID pidB;

    @BeforeEach
    void world() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        clinicianA = "pol-clin-a-" + tag;
        clinicianB = "pol-clin-b-" + tag;
        patientA = "pol-pat-a-" + tag;
        patientB = "pol-pat-b-" + tag;
        studyA = fixtures.study("Policy A " + tag, clinicianA);
        studyB = fixtures.study("Policy B " + tag, clinicianB);
        pidA = fixtures.enrolledPatient(studyA, patientA, "A-" + tag);
        pidB = fixtures.enrolledPatient(studyB, patientB, "B-" + tag);
    }

    @Test
    void patientReachesOwnRecord() {
        UUID reached = as.call(patientA, () -> policy.requirePatient(pidA, AuditAction.READ).id, Roles.PATIENT);
        assertEquals(pidA, reached);
    }

    @Test
    void patientCannotReachAnotherPatientAndTheRefusalIsAudited() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> as.call(patientA, () -> policy.requirePatient(pidB, AuditAction.READ), Roles.PATIENT));
        assertEquals(ErrorCode.NOT_FOUND, e.errorCode());
        var rows = auditRows.byActor(patientA);
        assertEquals(1, rows.size());
        assertEquals("denied", rows.get(0).outcome());
        assertEquals(pidB, rows.get(0).patientId());
        assertEquals("patient", rows.get(0).actorRole());
    }

    @Test
    void anInvisiblePatientAndAMissingPatientLookTheSame() {
        ProblemException invisible = assertThrows(ProblemException.class,
                () -> as.call(clinicianA, () -> policy.requirePatient(pidB, AuditAction.READ), Roles.CLINICIAN));
        ProblemException missing = assertThrows(ProblemException.class,
                () -> as.call(clinicianA, () -> policy.requirePatient(UUID.randomUUID(), AuditAction.READ), Roles.CLINICIAN));
        assertEquals(invisible.errorCode(), missing.errorCode());
        assertEquals(invisible.getMessage(), missing.getMessage());
        assertEquals(invisible.errors(), missing.errors());
    }

    @Test
    void clinicianReachesPatientsOfOwnStudiesOnly() {
        assertEquals(pidA, as.call(clinicianA, () -> policy.requirePatient(pidA, AuditAction.READ).id, Roles.CLINICIAN));
        assertThrows(ProblemException.class,
                () -> as.call(clinicianA, () -> policy.requirePatient(pidB, AuditAction.UPDATE), Roles.CLINICIAN));
    }

    @Test
    void staffSubjectWithoutClinicianRoleReachesNoPatient() {
        assertThrows(ProblemException.class,
                () -> as.call(clinicianA, () -> policy.requirePatient(pidA, AuditAction.READ), Roles.PATIENT));
    }

    @Test
    void adminReachesNoPatientDataUnlessAlsoStaffClinician() {
        assertThrows(ProblemException.class,
                () -> as.call("pol-admin-" + tag, () -> policy.requirePatient(pidA, AuditAction.READ), Roles.ADMIN));
        assertEquals(pidA, as.call(clinicianA, () -> policy.requirePatient(pidA, AuditAction.READ).id,
                Roles.ADMIN, Roles.CLINICIAN));
    }

    @Test
    void requireSelfFindsThePatientRecordOfTheSubject() {
        assertEquals(pidB, as.call(patientB, () -> policy.requireSelf().id, Roles.PATIENT));
        assertThrows(ProblemException.class,
                () -> as.call("pol-nobody-" + tag, () -> policy.requireSelf(), Roles.PATIENT));
        assertThrows(ProblemException.class, () -> as.call(patientB, () -> policy.requireSelf(), Roles.CLINICIAN));
    }

    @Test
    void visibleStudiesAreTheClinicianStaffStudies() {
        assertEquals(List.of(studyA), as.call(clinicianA, () -> policy.visibleStudyIds(), Roles.CLINICIAN));
        assertEquals(List.of(), as.call("pol-admin-" + tag, () -> policy.visibleStudyIds(), Roles.ADMIN));
        assertEquals(List.of(), as.call(patientA, () -> policy.visibleStudyIds(), Roles.PATIENT));
    }

    @Test
    void studyStaffAndConfigurationChecks() {
        assertEquals(studyA, as.call(clinicianA, () -> policy.requireStudyStaff(studyA).id, Roles.CLINICIAN));
        assertThrows(ProblemException.class,
                () -> as.call(clinicianA, () -> policy.requireStudyStaff(studyB), Roles.CLINICIAN));
        assertEquals(studyB, as.call("pol-admin-" + tag, () -> policy.requireStudyConfig(studyB).id, Roles.ADMIN));
        assertThrows(ProblemException.class,
                () -> as.call("pol-admin-" + tag, () -> policy.requireStudyConfig(UUID.randomUUID()), Roles.ADMIN));
        assertThrows(ProblemException.class,
                () -> as.call(clinicianA, () -> policy.requireStudyConfig(studyA), Roles.CLINICIAN));
    }

    @Test
    void aDenialIsKeptWhenTheRequestTransactionRollsBack() {
        String actor = "pol-rollback-" + tag;
        assertThrows(ProblemException.class, () -> as.run(actor,
                () -> QuarkusTransaction.requiringNew().run(() -> policy.requirePatient(pidA, AuditAction.READ)),
                Roles.CLINICIAN));
        var rows = auditRows.byActor(actor);
        assertEquals(1, rows.size());
        assertEquals("denied", rows.get(0).outcome());
    }

    @Test
    void anAllowedEventRollsBackWithTheDataItDescribes() {
        String actor = "pol-allowed-" + tag;
        assertThrows(IllegalStateException.class, () -> as.run(actor,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    audit.event(AuditAction.CREATE, AuditResource.RESPONSE).id("r-1").patient(pidA).study(studyA).allowed();
                    throw new IllegalStateException("the data write failed");
                }), Roles.CLINICIAN));
        assertTrue(auditRows.byActor(actor).isEmpty());

        as.run(actor, () -> QuarkusTransaction.requiringNew().run(
                () -> audit.event(AuditAction.CREATE, AuditResource.RESPONSE).id("r-2").patient(pidA).study(studyA)
                        .allowed()),
                Roles.CLINICIAN);
        assertEquals(1, auditRows.byActor(actor).size());
    }
}
