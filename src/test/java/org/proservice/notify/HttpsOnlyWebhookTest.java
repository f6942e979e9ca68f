package org.proservice.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.audit.AuditEvent;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;
import org.proservice.support.WebhookReceiver;

/**
 * Outside dev and test ({@code pro.notify.allow-http} off, as in production): webhook URLs must be https. Creating
 * an http subscription is 422 naming {@code url}; one left from before (created while http was allowed) is not
 * called, and the refused attempt is audited as denied. The scheduled worker is off; the test drives one.
 */
@QuarkusTest
@TestProfile(HttpsOnlyWebhookTest.HttpsOnly.class)
class HttpsOnlyWebhookTest {

    public static class HttpsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pro.notify.allow-http", "false", "pro.notify.enabled", "false");
        }
    }

    static final String SECRET = "whsec_cm90YXRpb24tb2xkLXNlY3JldC10LTEw";
    static final String ADMIN = TestTokens.bearer(TestTokens.admin("admin-https"));

    @Inject
    Fixtures fixtures;

    @Inject
    NotifyTestSupport notify;

    @Inject
    DeliveryStore store;

    @Inject
    NotifySettings settings;

    @Inject
    ObjectMapper json;

    WebhookReceiver receiver;
    UUID study;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        study = fixtures.study("Https only " + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void anHttpUrlIsRefusedWith422NamingUrlAndHttpsIsAccepted() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("url", "http://push.example.invalid/hook", "secret", SECRET,
                        "eventTypes", List.of("alert.raised")))
                .when().post("/api/v1/studies/{id}/webhooks", study)
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1410"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].code", equalTo("https_required"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("url", "HTTP://push.example.invalid/upper", "secret", SECRET,
                        "eventTypes", List.of("alert.raised")))
                .when().post("/api/v1/studies/{id}/webhooks", study)
                .then().statusCode(422).body("code", equalTo("PRO-1410"));
        long subscriptions = QuarkusTransaction.requiringNew().call(() -> WebhookSubscription.count("studyId",
                study));
        assertEquals(0, subscriptions, "nothing was stored");

        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("url", "https://push.example.invalid/hook", "secret", SECRET,
                        "eventTypes", List.of("alert.raised")))
                .when().post("/api/v1/studies/{id}/webhooks", study)
                .then().statusCode(201).body("url", equalTo("https://push.example.invalid/hook"));
    }

    @Test
    void anHttpSubscriptionFromBeforeIsNotCalledAndTheRefusalIsAudited() {
        UUID subscription = QuarkusTransaction.requiringNew().call(() -> {
            WebhookSubscription s = new WebhookSubscription();
            s.id = UUID.randomUUID();
            s.studyId = study;
            s.url = receiver.url(); // http://127.0.0.1:<port>/hook, created while http was allowed
            s.secret = SECRET;
            s.eventTypes = new String[] { NoticeTypes.ALERT_RAISED };
            s.createdAt = Instant.now();
            s.createdBy = "before";
            s.persist();
            return s.id;
        });
        UUID patientId = UUID.randomUUID();
        UUID eventId = notify.publishNow(study, NoticeTypes.ALERT_RAISED,
                NoticeData.alertRaised(UUID.randomUUID(), study, patientId, UUID.randomUUID()));

        WebhookSender sender = new WebhookSender(json, settings.connectTimeout(), settings.requestTimeout(),
                settings.allowPrivateTargets(), settings.allowHttp());
        new DeliveryWorker("https-only", store, sender, settings, null).drain();

        assertEquals(List.of(), receiver.received(), "nothing went out in clear text");
        WebhookDelivery d = notify.only(eventId);
        assertEquals("http not allowed", d.lastError);
        assertNull(d.lastStatusCode);
        List<AuditEvent> rows = QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list(
                "action = 'deliver' and resourceId = ?1", d.id.toString()));
        assertEquals(1, rows.size());
        AuditEvent row = rows.get(0);
        assertEquals("denied", row.outcome);
        assertEquals("webhook_delivery", row.resourceType);
        assertEquals(study, row.studyId);
        assertEquals(patientId, row.patientId);
        assertEquals("http not allowed", row.detail.get("error"));
        assertEquals(subscription.toString(), row.detail.get("subscriptionId"));
        assertFalse(row.detail.containsKey("statusCode"));
        assertFalse(row.detail.toString().contains("127.0.0.1"), "no URL in the audit");
    }
}
