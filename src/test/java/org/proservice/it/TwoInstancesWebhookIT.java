package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.it.ItHttp.created;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.proservice.notify.WebhookSignature;
import org.proservice.support.Await;
import org.proservice.support.TestTokens;
import org.proservice.support.WebhookReceiver;
import org.proservice.support.WebhookReceiver.Received;

/**
 * Issue 7, "done when": two packaged instances ({@code java -jar}, environment variables only) share one schema and
 * both run their delivery workers (poll 1 s); a positive PHQ-9 item 9 submitted over real HTTP to either instance
 * reaches the study's subscriber (a local receiver) as exactly one signed {@code alert.raised} webhook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesWebhookIT {

    static final ObjectMapper JSON = ItHttp.JSON;
    static final String SECRET = "whsec_dHdvLWluc3RhbmNlcy1pdC10ZXN0LTA2";
    static final String ADMIN = "it2-admin";
    static final String CLINICIAN = "it2-clinician";
    static final String ZONE = "Europe/Zurich";
    static final Duration POLL = Duration.ofSeconds(1);
    /** Longer than a poll: the other instance polls while a delivery is in flight (its lease must hold). */
    static final Duration RECEIVER_ANSWERS_AFTER = Duration.ofMillis(2500);

    final HttpClient http = HttpClient.newHttpClient();
    final ItHttp api = new ItHttp(http);
    final List<String> tokens = new CopyOnWriteArrayList<>();
    WebhookReceiver receiver;
    PackagedApplication instanceA;
    PackagedApplication instanceB;
    String studyId;
    String subscriptionId;

    @BeforeAll
    void startTwoInstancesOnOneSchemaAndConfigureTheStudy() throws Exception {
        receiver = new WebhookReceiver().answerWith(n -> {
            try {
                Thread.sleep(RECEIVER_ANSWERS_AFTER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        String schema = PackagedApplication.schema("_it2");
        PackagedApplication.dropSchema(schema);
        // One after the other: the first migrates the schema, the second finds it migrated.
        instanceA = PackagedApplication.start(schema, notifyEnvironment("it-a"));
        instanceB = PackagedApplication.start(schema, notifyEnvironment("it-b"));

        String admin = token(TestTokens.admin(ADMIN));
        studyId = created(post(instanceA, "/api/v1/studies", admin,
                Map.of("name", "Two instances " + UUID.randomUUID(),
                        "arms", List.of(Map.of("code", "arm-a", "label", "Arm A"))))).path("id").asText();
        HttpResponse<String> staff = send(instanceB, "PUT", "/api/v1/studies/" + studyId + "/staff/" + CLINICIAN,
                admin, Map.of("role", "clinician"));
        assertEquals(201, staff.statusCode(), staff.body());
        created(post(instanceA, "/api/v1/studies/" + studyId + "/protocol-versions", admin,
                ItHttp.baselineProtocolAcceptingLate()));
        subscriptionId = created(post(instanceB, "/api/v1/studies/" + studyId + "/webhooks", admin,
                Map.of("url", receiver.url(), "secret", SECRET, "eventTypes", List.of("alert.raised"))))
                .path("id").asText();
    }

    /** Production settings, except a short poll, local http receivers allowed, and a readable instance id. */
    static Map<String, String> notifyEnvironment(String instanceId) {
        return Map.of("PRO_NOTIFY_POLL_INTERVAL", POLL.toSeconds() + "s",
                "PRO_NOTIFY_ALLOW_PRIVATE_TARGETS", "true",
                "PRO_NOTIFY_ALLOW_HTTP", "true",
                "PRO_NOTIFY_INSTANCE_ID", instanceId);
    }

    @AfterAll
    void stopBothAndCheckTheirLogs() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        List<PackagedApplication> started = new ArrayList<>();
        for (PackagedApplication app : new PackagedApplication[] { instanceA, instanceB }) {
            if (app != null) {
                app.close();
                started.add(app);
            }
        }
        for (PackagedApplication app : started) {
            List<String> log = app.output();
            assertFalse(log.isEmpty(), "the application wrote its console log");
            for (String line : log) {
                for (String token : tokens) {
                    for (String part : token.split("\\.")) {
                        assertFalse(part.length() > 16 && line.contains(part), "a token reached the log: " + line);
                    }
                }
                assertFalse(line.startsWith("\tat ") || line.matches("\\s+at [a-zA-Z_$][\\w$.]*\\(.*\\)"),
                        "a stack trace reached the log: " + line);
                assertFalse(line.contains(" ERROR "), "an error was logged: " + line);
                assertFalse(line.contains("phq9_q"), "an answer reached the log: " + line);
            }
        }
    }

    @Test
    void positiveItem9SubmittedToInstanceAProducesExactlyOneSignedWebhook() throws Exception {
        String patientId = enrollAndSubmitPositiveItem9(instanceA, "it2-patient-a-" + UUID.randomUUID());
        assertExactlyOneSignedAlertNotice(patientId);
    }

    @Test
    void positiveItem9SubmittedToInstanceBProducesExactlyOneSignedWebhook() throws Exception {
        String patientId = enrollAndSubmitPositiveItem9(instanceB, "it2-patient-b-" + UUID.randomUUID());
        assertExactlyOneSignedAlertNotice(patientId);
    }

    @Test
    void bothInstancesRunTheirDeliveryWorkers() {
        assertTrue(instanceA.output().stream().anyMatch(l -> l.contains("Webhook delivery worker it-a enabled")),
                String.join("\n", instanceA.output()));
        assertTrue(instanceB.output().stream().anyMatch(l -> l.contains("Webhook delivery worker it-b enabled")),
                String.join("\n", instanceB.output()));
    }

    /** Enrolls a patient (today in {@link #ZONE}) through the other instance, then submits to {@code to}. */
    String enrollAndSubmitPositiveItem9(PackagedApplication to, String patientSubject) throws Exception {
        PackagedApplication other = to == instanceA ? instanceB : instanceA;
        Map<String, Object> enrollment = Map.of(
                "subjectCode", "IT2-" + UUID.randomUUID().toString().substring(0, 8),
                "identitySubject", patientSubject,
                "arm", "arm-a",
                "enrollmentDate", LocalDate.now(ZoneId.of(ZONE)).toString(),
                "timeZone", ZONE);
        String patientId = created(post(other, "/api/v1/studies/" + studyId + "/enrollments",
                token(TestTokens.clinician(CLINICIAN)), enrollment)).path("patientId").asText();

        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("timepointKey", "T0");
        submission.put("instrumentId", "phq9");
        submission.put("instrumentVersion", "1.0");
        submission.put("answers", phq9WithItem9(2));
        submission.put("completedAt", Instant.now().minusSeconds(5).toString());
        HttpRequest request = HttpRequest.newBuilder(to.uri("/api/v1/me/responses"))
                .header("Authorization", TestTokens.bearer(token(TestTokens.patient(patientSubject))))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "it2-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(submission)))
                .build();
        JsonNode response = created(http.send(request, HttpResponse.BodyHandlers.ofString()));
        assertTrue(response.path("score").path("flags").toString().contains("item9_positive"), response.toString());
        assertFalse(response.path("score").path("band").asText().equals("severe"),
                "one alert only: no severe_band alert besides item9_positive");
        return patientId;
    }

    void assertExactlyOneSignedAlertNotice(String patientId) throws Exception {
        Await.until("the alert notice reaches the subscriber", () -> !noticesFor(patientId).isEmpty());
        // A second delivery would come from the other instance's next polls: give it several.
        Thread.sleep(POLL.multipliedBy(5).toMillis());
        List<Received> got = noticesFor(patientId);
        assertEquals(1, got.size(), "exactly one webhook for the alert");

        Received r = got.get(0);
        assertEquals("/hook", r.path());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertTrue(r.header("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="), r.header("webhook-signature"));
        assertTrue(WebhookSignature.verify(SECRET, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature")), "the signature verifies with the subscription secret");
        assertFalse(WebhookSignature.verify(SECRET + "x", r.header("webhook-id"),
                r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature")), "and not with another secret");
        JsonNode body = JSON.readTree(r.body());
        assertEquals(body.path("id").asText(), r.header("webhook-id"), "webhook-id is the event id");
        assertEquals("alert.raised", body.path("type").asText());
        assertEquals(studyId, body.path("studyId").asText());
        // Thin notice: the rule is not in the body; the link leads staff (own credentials, audited) to it.
        assertTrue(body.at("/data/rule").isMissingNode(), r.bodyText());
        assertFalse(r.bodyText().contains("item9"), "no rule or flag in the notice: " + r.bodyText());
        String link = body.at("/data/links/response").asText();
        assertTrue(link.startsWith("/api/v1/patients/" + patientId + "/responses/"), link);
        HttpResponse<String> details = send(instanceB, "GET", link, token(TestTokens.clinician(CLINICIAN)), null);
        assertEquals(200, details.statusCode(), details.body());
        assertTrue(JSON.readTree(details.body()).at("/response/score/flags").toString().contains("item9_positive"),
                details.body());
        assertFalse(r.bodyText().contains("phq9_q"), "no answer values in the notice: " + r.bodyText());
        assertFalse(r.bodyText().contains("answers"), "no answers in the notice: " + r.bodyText());

        // Every webhook the receiver got so far is a different notice: nothing was sent twice.
        List<String> ids = receiver.received().stream().map(x -> x.header("webhook-id")).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size(), "no event id was delivered twice: " + ids);

        JsonNode deliveries = JSON.readTree(send(instanceA, "GET", "/api/v1/studies/" + studyId + "/webhooks/"
                + subscriptionId + "/deliveries", token(TestTokens.admin(ADMIN)), null).body());
        List<JsonNode> forEvent = new ArrayList<>();
        deliveries.path("items").forEach(d -> {
            if (r.header("webhook-id").equals(d.path("eventId").asText())) {
                forEvent.add(d);
            }
        });
        assertEquals(1, forEvent.size(), deliveries.toString());
        assertEquals("delivered", forEvent.get(0).path("state").asText());
        assertEquals(1, forEvent.get(0).path("attemptCount").asInt(), "one attempt, by one instance");
    }

    List<Received> noticesFor(String patientId) {
        return receiver.received().stream().filter(r -> {
            try {
                return patientId.equals(JSON.readTree(r.body()).at("/data/patientId").asText());
            } catch (java.io.IOException e) {
                throw new AssertionError("the webhook body is not JSON", e);
            }
        }).collect(Collectors.toList());
    }

    /** T0 baseline at enrollment (open from today through 7 days after) with PHQ-9. */

    /** Items 1-8 at 1 (total 8 + item 9: moderate at most, never severe), difficulty 1. */
    static Map<String, Object> phq9WithItem9(int item9) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            answers.put("phq9_q" + i, 1);
        }
        answers.put("phq9_q9", item9);
        answers.put("phq9_difficulty", 1);
        return answers;
    }

    String token(String token) {
        tokens.add(token);
        return token;
    }

    HttpResponse<String> post(PackagedApplication app, String path, String token, Object body) throws Exception {
        return send(app, "POST", path, token, body);
    }

    HttpResponse<String> send(PackagedApplication app, String method, String path, String token, Object body)
            throws Exception {
        return api.send(app, method, path, token, body);
    }

}
