package org.proservice.notify;

import static io.restassured.RestAssured.given;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.support.TestTokens;

/** Notices and deliveries for tests: enqueue in a committed transaction, read states back. */
@ApplicationScoped
public class NotifyTestSupport {

    @Inject
    Outbox outbox;

    @Inject
    WebhookDeliveryRepository deliveries;

    /** Publishes a notice as a feature would (in its own committed transaction); null when deduplicated. */
    public UUID publish(UUID studyId, String type, String dedupKey, Instant availableAt, Map<String, ?> data) {
        return QuarkusTransaction.requiringNew()
                .call(() -> outbox.enqueue(studyId, type, dedupKey, availableAt, data).orElse(null));
    }

    public UUID publishNow(UUID studyId, String type, Map<String, ?> data) {
        return publish(studyId, type, type + ":" + UUID.randomUUID(), null, data);
    }

    public OutboxEvent event(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>findById(id));
    }

    public List<WebhookDelivery> deliveriesOf(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.list("eventId", eventId));
    }

    public WebhookDelivery only(UUID eventId) {
        List<WebhookDelivery> list = deliveriesOf(eventId);
        if (list.size() != 1) {
            throw new AssertionError("expected one delivery of " + eventId + ", found " + list.size());
        }
        return list.get(0);
    }

    public boolean deliveryIn(UUID eventId, String state) {
        List<WebhookDelivery> list = deliveriesOf(eventId);
        return list.size() == 1 && state.equals(list.get(0).state);
    }

    /** A webhook of the study written straight to the database (for access tests; no receiver behind it). */
    public UUID subscriptionOf(UUID studyId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            WebhookSubscription s = new WebhookSubscription();
            s.id = UUID.randomUUID();
            s.studyId = studyId;
            s.url = "https://fixture.example.invalid/hook";
            s.secret = "whsec_Zml4dHVyZS1zdWJzY3JpcHRpb24tdDA0";
            s.eventTypes = new String[] { NoticeTypes.ALERT_RAISED };
            s.createdAt = Instant.now();
            s.createdBy = "fixture";
            s.persist();
            return s.id;
        });
    }

    /** A delivery of a new notice to the webhook that has already failed, so no worker touches it again. */
    public UUID failedDeliveryOf(UUID studyId, UUID subscriptionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID event = outbox.enqueue(studyId, NoticeTypes.ALERT_RAISED, "fixture:" + UUID.randomUUID(), null,
                    Map.of("alertId", "fixture")).orElseThrow();
            OutboxEvent.update("state = ?1, dispatchedAt = ?2 where id = ?3", OutboxEvent.DISPATCHED, Instant.now(),
                    event);
            Instant now = Instant.now();
            WebhookDelivery d = new WebhookDelivery();
            d.id = UUID.randomUUID();
            d.subscriptionId = subscriptionId;
            d.eventId = event;
            d.state = WebhookDelivery.FAILED;
            d.attemptCount = 1;
            d.nextAttemptAt = now;
            d.lastError = "HTTP 500";
            d.lastStatusCode = 500;
            d.createdAt = now;
            d.updatedAt = now;
            d.persist();
            return d.id;
        });
    }

    /** Subscribes {@code url} through the API, as an admin; returns the subscription id. */
    public static UUID subscribe(UUID studyId, String url, String secret, String... eventTypes) {
        String id = given().header("Authorization", TestTokens.bearer(TestTokens.admin("admin-notify")))
                .contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", secret, "eventTypes", List.of(eventTypes)))
                .when().post("/api/v1/studies/{id}/webhooks", studyId)
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
