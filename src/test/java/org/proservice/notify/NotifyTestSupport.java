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
