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
            @Schema(required = true, minLength = 38, maxLength = 94, writeOnly = true,
                    pattern = "^whsec_[A-Za-z0-9+/]+={0,2}$",
                    example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    description = "Signing secret in the Standard Webhooks form: whsec_ followed by the base64 of 24 "
                            + "to 64 random bytes; the decoded bytes are the HMAC-SHA256 key of webhook-signature. "
                            + "Write-only: never returned")
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
            String createdBy,
            @Schema(nullable = true, description = "When the signing key was last rotated; null if never")
            Instant signingKeyRotatedAt,
            @Schema(nullable = true, description = "Until when deliveries also carry a signature made with the "
                    + "key before the last rotation; null when no overlap is running")
            Instant previousSigningKeyValidUntil) {

        static Subscription of(WebhookSubscription s) {
            Instant overlap = s.previousSecretExpiresAt != null && s.previousSecretExpiresAt.isAfter(Instant.now())
                    ? s.previousSecretExpiresAt : null;
            return new Subscription(s.id, s.studyId, s.url, List.of(s.eventTypes), s.description, s.createdAt,
                    s.createdBy, s.secretRotatedAt, overlap);
        }
    }

    @Schema(name = "WebhookSecretRotationRequest", description = "How long the old secret keeps signing")
    public record RotateSecret(
            @Schema(minimum = "0", maximum = "10080", defaultValue = "1440", nullable = true,
                    description = "Minutes during which deliveries carry signatures of both the old and the new "
                            + "secret (default 1440 = 24 h, at most 7 days). 0 ends the old secret at once, e.g. "
                            + "when it leaked.")
            Integer overlapMinutes) {
    }

    @Schema(name = "WebhookSecretRotation", description = "The new secret, shown this once; store it now")
    public record RotatedSecret(
            UUID subscriptionId,
            @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    description = "The new signing secret (whsec_ + base64 of 32 random bytes). Never returned again")
            String secret,
            Instant rotatedAt,
            @Schema(nullable = true, description = "Until when the old secret also signs; null when overlapMinutes "
                    + "was 0") Instant previousSecretValidUntil) {

        @Override
        public String toString() {
            return "RotatedSecret[" + subscriptionId + "]"; // never the secret
        }
    }

    @Schema(name = "WebhookDelivery", description = "One notice to one subscription and its attempts")
    public record Delivery(
            UUID id,
            UUID subscriptionId,
            @Schema(description = "The idempotent event id the receiver got as webhook-id") UUID eventId,
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
