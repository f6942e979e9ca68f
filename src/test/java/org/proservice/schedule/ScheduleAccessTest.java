package org.proservice.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.schedule.ScheduleApi.enroll;
import static org.proservice.schedule.ScheduleApi.enrollment;
import static org.proservice.schedule.ScheduleApi.pilotProtocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.audit.AuditEventRepository;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * Every schedule operation x {no token, wrong role, another study's study/patient, own}: 401, 403, 404 (with a
 * denied audit row carrying the request id), and 2xx (with an allowed audit row when it touches patient data).
 */
@QuarkusTest
class ScheduleAccessTest {

    static final String STAFF_A = "acc-staff-a";
    static final String STAFF_B = "acc-staff-b";
    /**
     * Taken when each test starts (in {@link #facts()}), so a run across UTC midnight stays consistent; static
     * because the operation table reads it.
     */
    static LocalDate today;

    /** Shared facts: study A (staff A) with patient PA, study B (staff B) with patient PB. */
    static UUID studyA;
    static UUID studyB;
    static UUID patientA;
    static UUID patientB;
    static UUID enrollmentA;
    static UUID enrollmentB;
    static String subjectA;

    @Inject
    Fixtures fixtures;

    @Inject
    AuditEventRepository audit;

    @BeforeEach
    void facts() {
        today = LocalDate.now(ZoneOffset.UTC);
        if (studyA != null) {
            return;
        }
        studyA = fixtures.study(unique("acc-a"), STAFF_A);
        studyB = fixtures.study(unique("acc-b"), STAFF_B);
        publish(studyA, pilotProtocol(null)).statusCode(201);
        publish(studyB, pilotProtocol(null)).statusCode(201);
        subjectA = unique("acc-pa");
        Response a = enroll(STAFF_A, studyA, enrollment(unique("A"), subjectA, "arm-a", today.minusDays(3), "UTC"))
                .statusCode(201).extract().response();
        Response b = enroll(STAFF_B, studyB, enrollment(unique("B"), unique("acc-pb"), "arm-a", today.minusDays(3), "UTC"))
                .statusCode(201).extract().response();
        patientA = UUID.fromString(a.path("patientId"));
        enrollmentA = UUID.fromString(a.path("id"));
        patientB = UUID.fromString(b.path("patientId"));
        enrollmentB = UUID.fromString(b.path("id"));
    }

    enum Role { ADMIN, CLINICIAN, PATIENT }

    /**
     * One operation. {@code own} and {@code foreign} build the path from the shared facts; {@code patientData}
     * says whether an allowed call must leave an audit row.
     */
    record Op(String name, Method method, Role role, Supplier<String> own, Supplier<String> foreign,
            Supplier<Object> body, int ok, boolean patientData) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Op> operations() {
        return Stream.of(
                new Op("publishProtocolVersion", Method.POST, Role.ADMIN,
                        () -> "/api/v1/studies/" + studyA + "/protocol-versions",
                        () -> "/api/v1/studies/" + UUID.randomUUID() + "/protocol-versions",
                        () -> pilotProtocol(false), 201, false),
                new Op("listProtocolVersions", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/studies/" + studyA + "/protocol-versions",
                        () -> "/api/v1/studies/" + studyB + "/protocol-versions", () -> null, 200, false),
                new Op("getProtocolVersion", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/studies/" + studyA + "/protocol-versions/1",
                        () -> "/api/v1/studies/" + studyB + "/protocol-versions/1", () -> null, 200, false),
                new Op("enrollPatient", Method.POST, Role.CLINICIAN,
                        () -> "/api/v1/studies/" + studyA + "/enrollments",
                        () -> "/api/v1/studies/" + studyB + "/enrollments",
                        () -> enrollment(unique("S"), unique("acc"), "arm-b", today, "Europe/Berlin"), 201, true),
                new Op("listEnrollments", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/studies/" + studyA + "/enrollments",
                        () -> "/api/v1/studies/" + studyB + "/enrollments", () -> null, 200, true),
                new Op("getEnrollment", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/studies/" + studyA + "/enrollments/" + enrollmentA,
                        () -> "/api/v1/studies/" + studyB + "/enrollments/" + enrollmentB, () -> null, 200, true),
                new Op("changePatientTimeZone", Method.POST, Role.CLINICIAN,
                        () -> "/api/v1/patients/" + patientA + "/time-zones",
                        () -> "/api/v1/patients/" + patientB + "/time-zones",
                        () -> Map.of("timeZone", "Asia/Kolkata"), 201, true),
                new Op("getPatientTimeZones", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/patients/" + patientA + "/time-zones",
                        () -> "/api/v1/patients/" + patientB + "/time-zones", () -> null, 200, true),
                new Op("recordEvent", Method.POST, Role.CLINICIAN,
                        () -> "/api/v1/patients/" + patientA + "/events",
                        () -> "/api/v1/patients/" + patientB + "/events",
                        () -> Map.of("anchor", "session-1", "date", today.toString()), 201, true),
                new Op("listEvents", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/patients/" + patientA + "/events",
                        () -> "/api/v1/patients/" + patientB + "/events", () -> null, 200, true),
                new Op("listPatientTasks", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/patients/" + patientA + "/tasks",
                        () -> "/api/v1/patients/" + patientB + "/tasks", () -> null, 200, true),
                new Op("excuseTask", Method.POST, Role.CLINICIAN,
                        () -> "/api/v1/patients/" + patientA + "/tasks/T0/pcl5/excuse",
                        () -> "/api/v1/patients/" + patientB + "/tasks/T0/pcl5/excuse",
                        () -> Map.of("reason", "Not available"), 200, true),
                new Op("listMyTasks", Method.GET, Role.PATIENT, () -> "/api/v1/me/tasks", () -> "/api/v1/me/tasks",
                        () -> null, 200, true),
                new Op("getStudyAdherence", Method.GET, Role.CLINICIAN,
                        () -> "/api/v1/studies/" + studyA + "/adherence",
                        () -> "/api/v1/studies/" + studyB + "/adherence", () -> null, 200, true));
    }

    static RequestSpecification request(String token, Object body) {
        RequestSpecification r = token == null ? given() : given().header("Authorization", TestTokens.bearer(token));
        return body == null ? r : r.contentType(ContentType.JSON).body(body);
    }

    static String ownToken(Role role) {
        return switch (role) {
            case ADMIN -> TestTokens.admin("acc-admin");
            case CLINICIAN -> TestTokens.clinician(STAFF_A);
            case PATIENT -> TestTokens.patient(subjectA);
        };
    }

    /** A token of the right role that may not see study B / patient B (or, for /me, has no patient record). */
    static String foreignToken(Role role) {
        return switch (role) {
            case ADMIN -> TestTokens.admin("acc-admin");
            case CLINICIAN -> TestTokens.clinician(STAFF_A);
            case PATIENT -> TestTokens.patient(unique("acc-nobody"));
        };
    }

    static String wrongRoleToken(Role role) {
        return role == Role.PATIENT ? TestTokens.clinician(STAFF_A) : TestTokens.patient(subjectA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void withoutTokenIs401(Op op) {
        request(null, op.body().get()).request(op.method(), op.own().get())
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1008"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void wrongRoleIs403(Op op) {
        request(wrongRoleToken(op.role()), op.body().get()).request(op.method(), op.own().get())
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1009"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anotherStudysResourceIs404AndTheDenialIsAudited(Op op) {
        Response r = request(foreignToken(op.role()), op.body().get()).request(op.method(), op.foreign().get());
        r.then().statusCode(404).contentType(startsWith("application/problem+json")).body("code", equalTo("PRO-1003"));
        String requestId = r.header("X-Request-Id");
        assertTrue(audit.count("requestId = ?1 and outcome = 'denied'", requestId) >= 1,
                op.name() + ": denied audit row for request " + requestId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void ownResourceSucceedsAndIsAudited(Op op) {
        Response r = request(ownToken(op.role()), op.body().get()).request(op.method(), op.own().get());
        r.then().statusCode(op.ok());
        if (op.patientData()) {
            String requestId = r.header("X-Request-Id");
            assertTrue(audit.count("requestId = ?1 and outcome = 'allowed'", requestId) >= 1,
                    op.name() + ": allowed audit row for request " + requestId);
        }
    }
}
