package org.proservice.invitation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

@QuarkusTest
class InvitationTest {

    static final String STAFF = "inv-clinician";

    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows audit;
    @Inject
    AgroalDataSource db;

    UUID study;

    @BeforeEach
    void setUp() {
        study = fixtures.study("Invitation study " + UUID.randomUUID(), STAFF);
        fixtures.protocolVersion(study);
        sql("DELETE FROM invitation_failure");
    }

    @AfterEach
    void forgetFailures() {
        sql("DELETE FROM invitation_failure");
    }

    @Test
    void enrollmentWithoutSubjectReturnsAnInvitationThatThePatientClaims() {
        ValidatableResponse created = enroll(null).statusCode(201)
                .body("identitySubject", nullValue())
                .body("invitation.code", matchesPattern("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$"))
                .body("invitation.qrCodeSvg", startsWith("<svg"));
        String code = created.extract().path("invitation.code");
        String joinUrl = created.extract().path("invitation.joinUrl");
        assertEquals("https://pro.invalid/join?code=" + code.replace("-", ""), joinUrl);
        Instant expires = Instant.parse(created.extract().path("invitation.expiresAt"));
        Duration ttl = Duration.between(Instant.now(), expires);
        assertTrue(ttl.compareTo(Duration.ofDays(14).minusMinutes(5)) > 0 && ttl.compareTo(Duration.ofDays(14)) <= 0,
                "expires in 14 days: " + expires);
        String enrollmentId = created.extract().path("id");
        String subjectCode = created.extract().path("subjectCode");
        assertFalse(storedCodeHashes().contains(code.replace("-", "")), "only a hash of the code is stored");

        String patient = "inv-pat-" + UUID.randomUUID();
        String typed = " " + code.toLowerCase().replace("-", " ") + " ";
        String requestId = "claim-" + UUID.randomUUID();
        claim(patient, typed, requestId).statusCode(200)
                .body("studyId", equalTo(study.toString()))
                .body("enrollmentId", equalTo(enrollmentId))
                .body("subjectCode", equalTo(subjectCode));

        asPatient(patient).when().get("/api/v1/me/tasks").then().statusCode(200);
        asStaff().when().get("/api/v1/studies/{id}/enrollments/{eid}", study, enrollmentId).then().statusCode(200)
                .body("identitySubject", equalTo(patient)).body("invitation", nullValue());
        List<AuditRows.Row> rows = audit.byRequestId(requestId);
        assertEquals(1, rows.size());
        assertEquals("claim", rows.get(0).action());
        assertEquals("invitation", rows.get(0).resourceType());
        assertEquals("allowed", rows.get(0).outcome());
        assertEquals(patient, rows.get(0).actorSubject());
        assertTrue(audit.byActor(STAFF).stream().anyMatch(r -> r.action().equals("create")
                && r.resourceType().equals("invitation") && r.studyId().equals(study)), "issue audited");
    }

    @Test
    void enrollmentWithAKnownSubjectHasNoInvitation() {
        enroll("known-" + UUID.randomUUID()).statusCode(201).body("invitation", nullValue());
    }

    @Test
    void unknownCodeIsRefusedAndNothingChanges() {
        String code = invitationCode();
        String patient = "inv-pat-" + UUID.randomUUID();
        String requestId = "claim-" + UUID.randomUUID();
        String other = code.startsWith("2") ? "3" + code.substring(1) : "2" + code.substring(1);
        problem(claim(patient, other, requestId), 422, "PRO-1600").body("errors[0].field", equalTo("code"));
        problem(claim(patient, "not a code at all", null), 422, "PRO-1600");
        asPatient(patient).when().get("/api/v1/me/tasks").then().statusCode(404);
        assertDenied(requestId, "unknown_code");
        claim(patient, code, null).statusCode(200);
    }

    @Test
    void usedCodeIsRefusedToAnotherAccountButRepeatsForTheSameOne() {
        String code = invitationCode();
        String first = "inv-pat-" + UUID.randomUUID();
        claim(first, code, null).statusCode(200);
        claim(first, code, null).statusCode(200);
        String requestId = "claim-" + UUID.randomUUID();
        problem(claim("inv-pat-" + UUID.randomUUID(), code, requestId), 409, "PRO-1601");
        assertDenied(requestId, "already_claimed");
    }

    @Test
    void expiredCodeIsRefused() {
        String code = invitationCode();
        sql("UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE code_hash = '"
                + InvitationCodes.hash(code.replace("-", "")) + "'");
        String patient = "inv-pat-" + UUID.randomUUID();
        String requestId = "claim-" + UUID.randomUUID();
        problem(claim(patient, code, requestId), 410, "PRO-1602");
        asPatient(patient).when().get("/api/v1/me/tasks").then().statusCode(404);
        assertDenied(requestId, "expired");
    }

    @Test
    void revokedCodeIsRefusedAndAReissuedOneWorks() {
        ValidatableResponse created = enroll(null).statusCode(201);
        String enrollmentId = created.extract().path("id");
        String code = created.extract().path("invitation.code");
        asStaff().when().delete("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then().statusCode(204);
        problem(asStaff().when().delete("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then(), 404, "PRO-1003");
        String patient = "inv-pat-" + UUID.randomUUID();
        String requestId = "claim-" + UUID.randomUUID();
        problem(claim(patient, code, requestId), 410, "PRO-1603");
        assertDenied(requestId, "revoked");

        String fresh = asStaff().when().post("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then().statusCode(201).extract().path("code");
        String newer = asStaff().when().post("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then().statusCode(201).extract().path("code");
        problem(claim(patient, fresh, null), 410, "PRO-1603");
        claim(patient, newer, null).statusCode(200);
        problem(asStaff().when().post("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then(), 409, "PRO-1606");
        assertTrue(audit.byActor(STAFF).stream().filter(r -> r.action().equals("revoke")).count() >= 2,
                "revocations audited");
    }

    @Test
    void accountOfAnotherPatientCannotClaim() {
        String taken = "inv-taken-" + UUID.randomUUID();
        fixtures.enrolledPatient(study, taken, "OTHER-" + UUID.randomUUID().toString().substring(0, 6));
        String code = invitationCode();
        String requestId = "claim-" + UUID.randomUUID();
        problem(claim(taken, code, requestId), 409, "PRO-1604");
        assertDenied(requestId, "subject_bound");
        claim("inv-pat-" + UUID.randomUUID(), code, null).statusCode(200);
    }

    @Test
    void repeatedWrongCodesFromOneAccountAreRefusedForAWhile() {
        String code = invitationCode();
        String patient = "inv-pat-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            problem(claim(patient, "2222-2222-222" + (2 + i), null), 422, "PRO-1600");
        }
        String requestId = "claim-" + UUID.randomUUID();
        ValidatableResponse refused = problem(claim(patient, code, requestId), 429, "PRO-1605");
        long wait = Long.parseLong(refused.extract().header("Retry-After"));
        assertTrue(wait > 0 && wait <= 15 * 60, "Retry-After within the window: " + wait);
        assertDenied(requestId, "throttled");
        claim("inv-pat-" + UUID.randomUUID(), code, null).statusCode(200);
    }

    @Test
    void repeatedWrongCodesFromOneAddressAreRefusedForEveryAccount() {
        String code = invitationCode();
        for (int i = 0; i < 12; i++) {
            problem(claim("inv-guess-" + UUID.randomUUID(), "3333-3333-333" + (3 + i % 6), null), 422, "PRO-1600");
        }
        problem(claim("inv-pat-" + UUID.randomUUID(), code, null), 429, "PRO-1605");
        sql("DELETE FROM invitation_failure");
        claim("inv-pat-" + UUID.randomUUID(), code, null).statusCode(200);
    }

    @Test
    void onlyStaffOfTheStudyManageInvitations() {
        String enrollmentId = enroll(null).statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("inv-outsider")))
                .when().post("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then().statusCode(404);
        asPatient("inv-pat-" + UUID.randomUUID())
                .when().delete("/api/v1/studies/{id}/enrollments/{eid}/invitation", study, enrollmentId)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician(STAFF)))
                .contentType(ContentType.JSON).body(Map.of("code", "2222-2222-2222"))
                .when().post("/api/v1/me/invitations").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("code", "2222-2222-2222"))
                .when().post("/api/v1/me/invitations").then().statusCode(401);
        problem(asPatient("inv-pat-x").contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/me/invitations").then(), 400, "PRO-1002");
    }

    // ---- helpers ----

    private String invitationCode() {
        return enroll(null).statusCode(201).extract().path("invitation.code");
    }

    private ValidatableResponse enroll(String identitySubject) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", "INV-" + UUID.randomUUID().toString().substring(0, 8));
        if (identitySubject != null) {
            body.put("identitySubject", identitySubject);
        }
        body.put("arm", "arm-a");
        body.put("enrollmentDate", "2026-03-02");
        body.put("timeZone", "Europe/Berlin");
        return asStaff().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", study).then();
    }

    private ValidatableResponse claim(String subject, String code, String requestId) {
        RequestSpecification r = asPatient(subject).contentType(ContentType.JSON).body(Map.of("code", code));
        if (requestId != null) {
            r = r.header("X-Request-Id", requestId);
        }
        return r.when().post("/api/v1/me/invitations").then();
    }

    private static ValidatableResponse problem(ValidatableResponse r, int status, String code) {
        return r.statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    private void assertDenied(String requestId, String reason) {
        List<AuditRows.Row> rows = audit.byRequestId(requestId);
        assertEquals(1, rows.size(), "one audit row for " + requestId);
        assertEquals("claim", rows.get(0).action());
        assertEquals("denied", rows.get(0).outcome());
        assertTrue(rows.get(0).detail().contains(reason), rows.get(0).detail());
    }

    private RequestSpecification asStaff() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.clinician(STAFF)));
    }

    private static RequestSpecification asPatient(String subject) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.patient(subject)));
    }

    private List<String> storedCodeHashes() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT code_hash FROM invitation WHERE study_id = ?")) {
            ps.setObject(1, study);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            assertFalse(out.isEmpty());
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
