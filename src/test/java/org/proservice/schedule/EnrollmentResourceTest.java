package org.proservice.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.proservice.schedule.ScheduleApi.clinician;
import static org.proservice.schedule.ScheduleApi.enroll;
import static org.proservice.schedule.ScheduleApi.enrollment;
import static org.proservice.schedule.ScheduleApi.pilotProtocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.audit.AuditEvent;
import org.proservice.audit.AuditEventRepository;
import org.proservice.support.Fixtures;

@QuarkusTest
class EnrollmentResourceTest {

    static final String STAFF = "enr-staff";
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Inject
    Fixtures fixtures;

    @Inject
    AuditEventRepository auditEvents;

    UUID studyWithProtocol(String name) {
        UUID study = fixtures.study(name, STAFF);
        publish(study, pilotProtocol(null)).statusCode(201);
        return study;
    }

    @Test
    void staffEnrollsAPatientOnTheLatestProtocolVersion() {
        UUID study = studyWithProtocol("enr-happy");
        publish(study, pilotProtocol(false)).statusCode(201);
        String subject = unique("pat");
        String id = enroll(STAFF, study, enrollment("KAPT-001", subject, "arm-a", DAY, "America/New_York"))
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("subjectCode", equalTo("KAPT-001"))
                .body("identitySubject", equalTo(subject))
                .body("arm", equalTo("arm-a"))
                .body("protocolVersion", equalTo(2))
                .body("enrollmentDate", equalTo("2026-03-02"))
                .body("timeZone", equalTo("America/New_York"))
                .body("enrolledBy", equalTo(STAFF))
                .extract().path("id");
        clinician(STAFF).when().get("/api/v1/studies/{id}/enrollments/{eid}", study, id)
                .then().statusCode(200).body("subjectCode", equalTo("KAPT-001"));
        clinician(STAFF).when().get("/api/v1/studies/{id}/enrollments", study)
                .then().statusCode(200).body("", hasSize(1)).body("[0].id", equalTo(id));
        List<AuditEvent> trail = auditEvents.list("resourceType = ?1 and resourceId = ?2 and action = 'create'",
                "enrollment", id);
        assertEquals(1, trail.size());
        assertEquals("allowed", trail.get(0).outcome);
        assertEquals(STAFF, trail.get(0).actorSubject);
    }

    @Test
    void subjectCodeIsUniqueWithinTheStudyOnly() {
        UUID study = studyWithProtocol("enr-code-1");
        UUID other = studyWithProtocol("enr-code-2");
        enroll(STAFF, study, enrollment("KAPT-DUP", unique("pat"), "arm-a", DAY, "UTC")).statusCode(201);
        enroll(STAFF, study, enrollment("KAPT-DUP", unique("pat"), "arm-b", DAY, "UTC")).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1301"))
                .body("errors[0].field", equalTo("subjectCode"));
        enroll(STAFF, other, enrollment("KAPT-DUP", unique("pat"), "arm-a", DAY, "UTC")).statusCode(201);
    }

    @Test
    void identitySubjectCanBeEnrolledOnlyOnce() {
        UUID study = studyWithProtocol("enr-identity");
        String subject = unique("pat");
        enroll(STAFF, study, enrollment(unique("S"), subject, "arm-a", DAY, "UTC")).statusCode(201);
        enroll(STAFF, study, enrollment(unique("S"), subject, "arm-a", DAY, "UTC")).statusCode(409)
                .body("code", equalTo("PRO-1302"))
                .body("errors[0].field", equalTo("identitySubject"));
    }

    @Test
    void unknownArmAndUnknownTimeZoneAreNamedTogether() {
        UUID study = studyWithProtocol("enr-arm-zone");
        enroll(STAFF, study, enrollment(unique("S"), unique("pat"), "arm-z", DAY, "Mars/Olympus_Mons"))
                .statusCode(422).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1304"))
                .body("errors.field", equalTo(List.of("arm", "timeZone")));
        enroll(STAFF, study, enrollment(unique("S"), unique("pat"), "arm-a", DAY, "+05:00"))
                .statusCode(422).body("errors.field", equalTo(List.of("timeZone")));
    }

    @Test
    void missingFieldsAreA400NamingEachField() {
        UUID study = studyWithProtocol("enr-missing");
        enroll(STAFF, study, enrollment(null, "x", "arm-a", null, "UTC")).statusCode(400)
                .body("code", equalTo("PRO-1002"))
                .body("errors.field", equalTo(List.of("enrollmentDate", "subjectCode")));
        clinician(STAFF).contentType(ContentType.JSON)
                .body(Map.of("subjectCode", "A", "identitySubject", "b", "arm", "arm-a", "timeZone", "UTC",
                        "enrollmentDate", "2026-02-30"))
                .when().post("/api/v1/studies/{id}/enrollments", study)
                .then().statusCode(400).body("code", equalTo("PRO-1001"))
                .body("errors[0].field", equalTo("enrollmentDate"));
    }

    @Test
    void studyWithoutProtocolCannotEnroll() {
        UUID study = fixtures.study("enr-no-protocol", STAFF);
        enroll(STAFF, study, enrollment(unique("S"), unique("pat"), "arm-a", DAY, "UTC")).statusCode(409)
                .body("code", equalTo("PRO-1303"));
    }

    @Test
    void onlyStaffOfTheStudyEnrollAndList() {
        UUID study = studyWithProtocol("enr-access");
        Map<String, Object> body = enrollment(unique("S"), unique("pat"), "arm-a", DAY, "UTC");
        enroll("enr-not-staff", study, body).statusCode(404).body("code", equalTo("PRO-1003"));
        clinician("enr-not-staff").when().get("/api/v1/studies/{id}/enrollments", study)
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
        ScheduleApi.admin().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", study)
                .then().statusCode(403).body("code", equalTo("PRO-1009"));
        ScheduleApi.as(org.proservice.support.TestTokens.patient("p")).when()
                .get("/api/v1/studies/{id}/enrollments", study)
                .then().statusCode(403).body("code", equalTo("PRO-1009"));
        io.restassured.RestAssured.given().when().get("/api/v1/studies/{id}/enrollments", study)
                .then().statusCode(401).body("code", equalTo("PRO-1008"));
        enroll(STAFF, UUID.randomUUID(), body).statusCode(404).body("code", equalTo("PRO-1003"));
        clinician(STAFF).when().get("/api/v1/studies/{id}/enrollments/{eid}", study, UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
        // Nothing was enrolled by the refused attempts.
        clinician(STAFF).when().get("/api/v1/studies/{id}/enrollments", study).then().statusCode(200)
                .body("", hasSize(0));
    }

    @Test
    void enrollmentOfAnotherStudyIsNotReachableThroughThisStudy() {
        UUID study = studyWithProtocol("enr-cross-1");
        UUID other = fixtures.study("enr-cross-2", "enr-other-staff");
        publish(other, pilotProtocol(null)).statusCode(201);
        String eid = enroll("enr-other-staff", other, enrollment(unique("S"), unique("pat"), "arm-a", DAY, "UTC"))
                .statusCode(201).extract().path("id");
        clinician(STAFF).when().get("/api/v1/studies/{id}/enrollments/{eid}", study, eid)
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
        clinician("enr-other-staff").when().get("/api/v1/studies/{id}/enrollments/{eid}", other, eid)
                .then().statusCode(200).contentType(ContentType.JSON);
    }
}
