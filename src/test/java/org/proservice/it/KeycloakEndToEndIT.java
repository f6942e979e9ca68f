package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.it.ItHttp.created;
import static org.proservice.it.ItHttp.ok;
import static org.proservice.it.ItHttp.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13, point 4: the packaged service against a real Keycloak (realm {@code idp/keycloak/pro-realm.json}),
 * configured only by environment variables as in production (JWKS URL, issuer, audience, groups path). Every
 * token comes from Keycloak's token endpoint; nothing is signed by the test. A story in order: the admin sets up
 * a study, the clinician enrolls a patient and gets an invitation, the Keycloak patient claims it, sees the due
 * PHQ-9 and submits it, the clinician sees the score; then Keycloak's signing key is rotated and the running service accepts tokens signed with the new key
 * (JWKS refreshed on the unknown key id) and refuses those of the disabled key.
 * <p>
 * Skipped unless {@code PRO_IT_KEYCLOAK_URL} is set (so a plain {@code ./mvnw verify} skips it): {@code .ci/run}
 * starts Keycloak with {@code idp/keycloak.sh} and runs this test with the settings that script prints, and with
 * {@code -Dpro.it.keycloak.required=true}, which turns a missing setting into a failure instead of a skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakEndToEndIT {

    static final ObjectMapper JSON = ItHttp.JSON;
    static final String ZONE = "Europe/Zurich";
    /** PHQ-9 items 1-9 and the difficulty item: total 9 (mild), item 9 = 0. */
    static final int[] PHQ9 = { 2, 1, 2, 1, 1, 0, 1, 1, 0 };

    final HttpClient http = HttpClient.newHttpClient();
    final ItHttp api = new ItHttp(http);
    final List<String> tokens = new ArrayList<>();
    KeycloakRealm keycloak;
    PackagedApplication app;
    String studyId;
    String patientId;
    String responseId;

    @BeforeAll
    void startTheServiceAgainstKeycloak() throws Exception {
        keycloak = KeycloakRealm.fromEnvironment();
        if (keycloak == null && Boolean.getBoolean("pro.it.keycloak.required")) {
            throw new IllegalStateException("pro.it.keycloak.required is set but PRO_IT_KEYCLOAK_URL is not");
        }
        Assumptions.assumeTrue(keycloak != null,
                "PRO_IT_KEYCLOAK_URL is not set: start Keycloak with idp/keycloak.sh (as .ci/run does)");
        String schema = PackagedApplication.schema("_kc");
        PackagedApplication.dropSchema(schema);
        app = PackagedApplication.start(schema, keycloak.serviceEnvironment());
    }

    @AfterAll
    void stopAndCheckTheLog() throws Exception {
        if (app == null) {
            return;
        }
        app.close();
        for (String line : app.output()) {
            for (String token : tokens) {
                for (String part : token.split("\\.")) {
                    assertFalse(part.length() > 16 && line.contains(part), "a token reached the log: " + line);
                }
            }
            assertFalse(line.contains(" ERROR "), "an error was logged: " + line);
            assertFalse(line.contains("phq9_q"), "an answer reached the log: " + line);
        }
    }

    String patientToken() throws Exception {
        return keep(keycloak.userToken("e2e-patient", "test-only-e2e-patient"));
    }

    String clinicianToken() throws Exception {
        return keep(keycloak.userToken("e2e-clinician", "test-only-e2e-clinician"));
    }

    String adminToken() throws Exception {
        return keep(keycloak.userToken("e2e-admin", "test-only-e2e-admin"));
    }

    @Test
    @Order(1)
    void keycloakTokensCarryTheCallerAndTheRoleFromTheClientScopedClaim() throws Exception {
        String patient = patientToken();
        JsonNode me = ok(send("GET", "/api/v1/whoami", patient, null));
        assertEquals(KeycloakRealm.claims(patient).path("sub").asText(), me.path("subject").asText());
        assertEquals(List.of("patient"), strings(me.path("roles")));
        assertEquals(List.of("clinician"), strings(ok(send("GET", "/api/v1/whoami", clinicianToken(), null))
                .path("roles")));
        assertEquals(List.of("admin"), strings(ok(send("GET", "/api/v1/whoami", adminToken(), null)).path("roles")));
        // The integrator's confidential client (client credentials): its service account has the clinician role.
        assertEquals(List.of("clinician"), strings(ok(send("GET", "/api/v1/whoami", keep(keycloak.integratorToken()),
                null)).path("roles")));
        // A patient's Keycloak token does not open a clinician's endpoint.
        assertEquals(403, send("GET", "/api/v1/alerts", patient, null).statusCode());
    }

    @Test
    @Order(2)
    void adminCreatesTheStudyAndMakesTheKeycloakClinicianStaff() throws Exception {
        String admin = adminToken();
        studyId = created(send("POST", "/api/v1/studies", admin, Map.of(
                "name", "Keycloak end to end " + UUID.randomUUID(),
                "arms", List.of(Map.of("code", "arm-a", "label", "Arm A"))))).path("id").asText();
        String clinicianSubject = KeycloakRealm.claims(clinicianToken()).path("sub").asText();
        HttpResponse<String> staff = send("PUT", "/api/v1/studies/" + studyId + "/staff/" + clinicianSubject, admin,
                Map.of("role", "clinician"));
        assertEquals(201, staff.statusCode(), staff.body());
        created(send("POST", "/api/v1/studies/" + studyId + "/protocol-versions", admin,
                ItHttp.baselineProtocolAcceptingLate()));
    }

    @Test
    @Order(3)
    void clinicianEnrollsThePatientAndTheKeycloakPatientJoinsWithTheInvitationCode() throws Exception {
        Map<String, Object> enrollment = new LinkedHashMap<>();
        enrollment.put("subjectCode", "KC-" + UUID.randomUUID().toString().substring(0, 8));
        enrollment.put("arm", "arm-a");
        enrollment.put("enrollmentDate", LocalDate.now(ZoneId.of(ZONE)).toString());
        enrollment.put("timeZone", ZONE);
        JsonNode enrolled = created(send("POST", "/api/v1/studies/" + studyId + "/enrollments", clinicianToken(),
                enrollment));
        patientId = enrolled.path("patientId").asText();
        String code = enrolled.path("invitation").path("code").asText();
        assertFalse(code.isBlank(), "an enrollment without identitySubject returns an invitation: " + enrolled);
        assertFalse(enrolled.path("invitation").path("joinUrl").asText().isBlank(), enrolled.toString());
        assertFalse(enrolled.path("invitation").path("expiresAt").asText().isBlank(), enrolled.toString());

        String patient = patientToken();
        // Before the claim the Keycloak account belongs to no patient.
        assertEquals(404, send("GET", "/api/v1/me/tasks", patient, null).statusCode());
        JsonNode joined = ok(send("POST", "/api/v1/me/invitations", patient, Map.of("code", code.toLowerCase())));
        assertEquals(patientId, joined.path("patientId").asText());
        assertEquals(studyId, joined.path("studyId").asText());
        // The clinician now sees the patient bound to the Keycloak account's sub.
        JsonNode view = ok(send("GET", "/api/v1/studies/" + studyId + "/enrollments/"
                + enrolled.path("id").asText(), clinicianToken(), null));
        assertEquals(KeycloakRealm.claims(patient).path("sub").asText(), view.path("identitySubject").asText(),
                view.toString());
    }

    @Test
    @Order(4)
    void patientSeesTheDueTaskAndSubmitsThePhq9() throws Exception {
        String patient = patientToken();
        JsonNode tasks = ok(send("GET", "/api/v1/me/tasks?status=open", patient, null)).path("tasks");
        assertEquals(1, tasks.size(), tasks.toString());
        assertEquals("T0", tasks.get(0).path("timepointKey").asText());
        assertEquals("phq9", tasks.get(0).path("instrumentId").asText());
        assertEquals(studyId, tasks.get(0).path("studyId").asText());

        JsonNode stored = created(submit(patient));
        responseId = stored.path("id").asText();
        assertEquals(9, stored.path("score").path("total").asInt(), stored.toString());
        assertEquals("mild", stored.path("score").path("band").asText(), stored.toString());

        JsonNode after = ok(send("GET", "/api/v1/me/tasks", patient, null)).path("tasks");
        assertEquals("completed", after.get(0).path("status").asText(), after.toString());
    }

    @Test
    @Order(5)
    void clinicianSeesTheResult() throws Exception {
        JsonNode series = ok(send("GET", "/api/v1/patients/" + patientId + "/scores?instrument=phq9",
                clinicianToken(), null));
        assertEquals(1, series.path("points").size(), series.toString());
        JsonNode point = series.path("points").get(0);
        assertEquals(responseId, point.path("responseId").asText());
        assertEquals(9, point.path("total").asInt());
        assertEquals("mild", point.path("band").asText());
        assertTrue(point.path("baseline").asBoolean(), point.toString());
    }

    @Test
    @Order(6)
    void integratorPullsTheFhirBundleOnceItsServiceAccountIsStudyStaff() throws Exception {
        String integrator = keep(keycloak.integratorToken());
        String path = "/api/v1/patients/" + patientId + "/fhir";
        assertEquals(404, send("GET", path, integrator, null).statusCode(), "not staff of the study yet");
        String subject = KeycloakRealm.claims(integrator).path("sub").asText();
        HttpResponse<String> staff = send("PUT", "/api/v1/studies/" + studyId + "/staff/" + subject, adminToken(),
                Map.of("role", "clinician"));
        assertEquals(201, staff.statusCode(), staff.body());
        JsonNode bundle = ok(send("GET", path, integrator, null));
        assertEquals("Bundle", bundle.path("resourceType").asText());
        assertTrue(bundle.toString().contains(responseId), "the bundle holds the patient's response");
    }

    @Test
    @Order(7)
    void afterAKeyRotationInKeycloakNewTokensAreAcceptedWithoutARestart() throws Exception {
        String signedWithTheOldKey = patientToken();
        assertEquals(200, send("GET", "/api/v1/me/tasks", signedWithTheOldKey, null).statusCode());

        String oldKid = keycloak.rotateSigningKey();
        assertEquals(oldKid, KeycloakRealm.kid(signedWithTheOldKey));

        String signedWithTheNewKey = patientToken();
        assertNotEquals(oldKid, KeycloakRealm.kid(signedWithTheNewKey), "Keycloak signs with the new key");
        // The service has never seen this key id: it reloads the JWKS (same process, no restart) and accepts it.
        JsonNode tasks = ok(send("GET", "/api/v1/me/tasks", signedWithTheNewKey, null)).path("tasks");
        assertEquals("completed", tasks.get(0).path("status").asText());
        assertEquals(200, send("GET", "/api/v1/patients/" + patientId + "/scores?instrument=phq9",
                clinicianToken(), null).statusCode());
        // The reloaded JWKS no longer has the disabled key: a token it signed, still unexpired, is refused.
        assertEquals(401, send("GET", "/api/v1/me/tasks", signedWithTheOldKey, null).statusCode());
    }

    HttpResponse<String> submit(String patientToken) throws Exception {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < PHQ9.length; i++) {
            answers.put("phq9_q" + (i + 1), PHQ9[i]);
        }
        answers.put("phq9_difficulty", 1);
        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("timepointKey", "T0");
        submission.put("instrumentId", "phq9");
        submission.put("instrumentVersion", "1.0");
        submission.put("answers", answers);
        submission.put("completedAt", Instant.now().minusSeconds(5).toString());
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/v1/me/responses"))
                .header("Authorization", "Bearer " + patientToken)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "kc-e2e-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(submission)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }


    String keep(String token) {
        tokens.add(token);
        return token;
    }

    HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return api.send(app, method, path, token, body);
    }



}
