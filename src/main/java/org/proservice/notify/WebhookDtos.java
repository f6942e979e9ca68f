package org.proservice.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the webhook endpoints. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /** Documentation only: the notice types of {@link NoticeTypes}, as the contract names them. */
    @Schema(name = "WebhookEventType", type = SchemaType.STRING,
            enumeration = { "alert.raised", "response.stored", "task.opened", "task.closing" },
            description = "alert.raised: a safety alert was raised; response.stored: a response was stored and "
                    + "scored; task.opened: an assessment task's window opened; task.closing: an open task's window "
                    + "is about to close")
    public static final class EventType {
        private EventType() {
        }
    }

    @Schema(name = "NewWebhookSubscription", description = "A webhook for the study's notices")
    public record NewSubscription(
            @Schema(required = true, maxLength = 2048, example = "https://push.example.org/pro/webhooks",
                    description = "Absolute http or https URL; no credentials, no fragment") String url,
            @Schema(required = true, minLength = 16, maxLength = 256, writeOnly = true,
                    example = "whsec_2b7e151628aed2a6abf71588",
                    description = "Key of the HMAC-SHA256 signature (Webhook-Signature). Write-only: never returned")
            String secret,
            @Schema(required = true, minItems = 1, type = SchemaType.ARRAY, implementation = EventType.class,
                    description = "Notice types to receive") List<String> eventTypes,
            @Schema(maxLength = 200, example = "Study push service") String description) {
    }

    @Schema(name = "WebhookSubscription", description = "A study's webhook. The secret is never returned.")
    public record Subscription(
            UUID id,
            UUID studyId,
            @Schema(example = "https://push.example.org/pro/webhooks") String url,
            @Schema(type = SchemaType.ARRAY, implementation = EventType.class) List<String> eventTypes,
            @Schema(nullable = true) String description,
            Instant createdAt,
            String createdBy) {

        static Subscription of(WebhookSubscription s) {
            return new Subscription(s.id, s.studyId, s.url, List.of(s.eventTypes), s.description, s.createdAt,
                    s.createdBy);
        }
    }

    @Schema(name = "WebhookDelivery", description = "One notice to one subscription and its attempts")
    public record Delivery(
            UUID id,
            UUID subscriptionId,
            @Schema(description = "The idempotent event id the receiver got as Webhook-Id") UUID eventId,
            @Schema(ref = "WebhookEventType") String eventType,
            @Schema(enumeration = { "pending", "in_flight", "delivered", "failed", "cancelled" }) String state,
            int attemptCount,
            @Schema(nullable = true, description = "When the next attempt is due (state pending)")
            Instant nextAttemptAt,
            @Schema(nullable = true) Instant lastAttemptAt,
            @Schema(nullable = true, description = "HTTP status of the last answer, if any", example = "503")
            Integer lastStatusCode,
            @Schema(nullable = true, description = "Short technical reason of the last failure; never the payload",
                    example = "HTTP 503") String lastError,
            @Schema(nullable = true) Instant deliveredAt,
            Instant createdAt,
            Instant updatedAt) {

        static Delivery of(WebhookDelivery d, String eventType) {
            return new Delivery(d.id, d.subscriptionId, d.eventId, eventType, d.state, d.attemptCount,
                    d.nextAttemptAt, d.lastAttemptAt, d.lastStatusCode, d.lastError, d.deliveredAt, d.createdAt,
                    d.updatedAt);
        }
    }

    @Schema(name = "WebhookDeliveryPage", description = "Deliveries, newest first")
    public record DeliveryPage(
            List<Delivery> items,
            @Schema(type = SchemaType.STRING, nullable = true,
                    description = "Pass as `cursor` to get the next (older) page; null on the last page")
            String nextCursor) {
    }
}
