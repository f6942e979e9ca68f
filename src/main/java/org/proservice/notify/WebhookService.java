package org.proservice.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.notify.WebhookDtos.Delivery;
import org.proservice.notify.WebhookDtos.DeliveryPage;
import org.proservice.notify.WebhookDtos.NewSubscription;
import org.proservice.notify.WebhookDtos.RotateSecret;
import org.proservice.notify.WebhookDtos.RotatedSecret;
import org.proservice.notify.WebhookDtos.Subscription;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Webhook subscriptions of a study and their delivery logs. Study configuration: the caller must be an admin
 * ({@link AccessPolicy#requireStudyConfig}); an unknown study is 404. Changes are written to the audit trail.
 */
@ApplicationScoped
public class WebhookService {

    static final int MAX_SUBSCRIPTIONS_PER_STUDY = 20;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int DEFAULT_OVERLAP_MINUTES = 24 * 60;
    static final int MAX_OVERLAP_MINUTES = 7 * 24 * 60;
    private static final Set<String> STATES = Set.of(WebhookDelivery.PENDING, WebhookDelivery.IN_FLIGHT,
            WebhookDelivery.DELIVERED, WebhookDelivery.FAILED, WebhookDelivery.CANCELLED);

    @Inject
    AccessPolicy access;

    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @ConfigProperty(name = "pro.notify.allow-private-targets", defaultValue = "false")
    boolean allowPrivateTargets;

    @ConfigProperty(name = "pro.notify.allow-http", defaultValue = "false")
    boolean allowHttp;

    @Transactional
    public Subscription create(UUID studyId, NewSubscription body) {
        access.requireStudyConfig(studyId, AuditAction.CREATE);
        List<String> types = validate(body);
        requireHttps(body.url().trim());
        if (subscriptions.listActive(studyId).size() >= MAX_SUBSCRIPTIONS_PER_STUDY) {
            throw new ProblemException(ErrorCode.CONFLICT,
                    "A study has at most " + MAX_SUBSCRIPTIONS_PER_STUDY + " webhook subscriptions");
        }
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.studyId = studyId;
        s.url = body.url().trim();
        s.secret = body.secret();
        s.eventTypes = types.toArray(String[]::new);
        s.description = body.description() == null || body.description().isBlank() ? null
                : body.description().trim();
        s.createdAt = Instant.now();
        s.createdBy = caller.subject();
        subscriptions.persist(s);
        audit.event(AuditAction.CREATE, AuditResource.WEBHOOK_SUBSCRIPTION).id(s.id).study(studyId)
                .detail("eventTypes", String.join(",", types)).allowed();
        return Subscription.of(s);
    }

    @Transactional(TxType.SUPPORTS)
    public List<Subscription> list(UUID studyId) {
        access.requireStudyConfig(studyId, AuditAction.READ);
        return subscriptions.listActive(studyId).stream().map(Subscription::of).toList();
    }

    @Transactional(TxType.SUPPORTS)
    public Subscription get(UUID studyId, UUID subscriptionId) {
        access.requireStudyConfig(studyId, AuditAction.READ);
        return Subscription.of(requireSubscription(studyId, subscriptionId));
    }

    /** Deletes the subscription: it receives nothing more, its waiting deliveries are cancelled, its log stays. */
    @Transactional
    public void delete(UUID studyId, UUID subscriptionId) {
        access.requireStudyConfig(studyId, AuditAction.DELETE);
        WebhookSubscription s = requireSubscription(studyId, subscriptionId);
        s.deletedAt = Instant.now();
        s.deletedBy = caller.subject();
        deliveries.cancelPending(s.id);
        audit.event(AuditAction.DELETE, AuditResource.WEBHOOK_SUBSCRIPTION).id(s.id).study(studyId).allowed();
    }

    @Transactional(TxType.SUPPORTS)
    public DeliveryPage deliveries(UUID studyId, UUID subscriptionId, String state, String cursor, Integer limit) {
        access.requireStudyConfig(studyId, AuditAction.READ);
        List<FieldError> errors = new ArrayList<>();
        if (state != null && !STATES.contains(state)) {
            errors.add(new FieldError("state", "invalid", "must be one of " + String.join(", ", sorted(STATES))));
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            errors.add(new FieldError("limit", "out_of_range", "must be between 1 and " + MAX_PAGE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid query parameters", errors);
        }
        Cursor position = cursor == null ? null : Cursor.parse(cursor);
        if (cursor != null && position == null) {
            throw new ProblemException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued",
                    List.of(new FieldError("cursor", "invalid_cursor", "pass back nextCursor unchanged")));
        }
        requireSubscription(studyId, subscriptionId);
        var rows = deliveries.page(subscriptionId, state, position == null ? null : position.createdAt(),
                position == null ? null : position.id(), size + 1);
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        List<Delivery> items = page.stream().map(r -> Delivery.of(r.delivery(), r.eventType())).toList();
        String next = null;
        if (more) {
            WebhookDelivery last = page.get(page.size() - 1).delivery();
            next = new Cursor(last.createdAt, last.id).encode();
        }
        return new DeliveryPage(items, next);
    }

    /**
     * Queues a delivery again, due now, with a fresh set of attempts - also one that was delivered (receivers
     * de-duplicate by event id). A delivery being attempted right now cannot be reset: 409.
     */
    @Transactional
    public Delivery redeliver(UUID studyId, UUID subscriptionId, UUID deliveryId) {
        access.requireStudyConfig(studyId, AuditAction.UPDATE);
        requireSubscription(studyId, subscriptionId);
        // The row lock orders this reset against a worker's claim (which skips locked rows).
        WebhookDelivery d = deliveries.findForUpdate(subscriptionId, deliveryId)
                .orElseThrow(() -> ProblemException.notFound("Webhook delivery"));
        if (WebhookDelivery.IN_FLIGHT.equals(d.state)) {
            throw new ProblemException(ErrorCode.WEBHOOK_DELIVERY_IN_FLIGHT,
                    "The delivery is being attempted; query the log again in a moment");
        }
        Instant now = Instant.now();
        d.state = WebhookDelivery.PENDING;
        d.attemptCount = 0;
        d.nextAttemptAt = now;
        d.lockedBy = null;
        d.lockedUntil = null;
        d.updatedAt = now;
        audit.event(AuditAction.REDELIVER, AuditResource.WEBHOOK_DELIVERY).id(d.id).study(studyId)
                .detail("subscriptionId", subscriptionId.toString()).allowed();
        String type = OutboxEvent.<OutboxEvent>findByIdOptional(d.eventId).map(e -> e.eventType).orElse(null);
        return Delivery.of(d, type);
    }

    /**
     * Gives the subscription a new random secret and returns it (the only time it is shown). The old secret keeps
     * signing beside the new one for {@code overlapMinutes} (default {@value #DEFAULT_OVERLAP_MINUTES}); a rotation
     * during an overlap ends the older one at once (at most two secrets sign).
     */
    @Transactional
    public RotatedSecret rotateSecret(UUID studyId, UUID subscriptionId, RotateSecret body) {
        access.requireStudyConfig(studyId, AuditAction.UPDATE);
        int overlapMinutes = body == null || body.overlapMinutes() == null ? DEFAULT_OVERLAP_MINUTES
                : body.overlapMinutes();
        if (overlapMinutes < 0 || overlapMinutes > MAX_OVERLAP_MINUTES) {
            throw ProblemException.invalid("Invalid overlap", List.of(new FieldError("overlapMinutes",
                    "out_of_range", "must be between 0 and " + MAX_OVERLAP_MINUTES)));
        }
        WebhookSubscription s = subscriptions.findActiveForUpdate(studyId, subscriptionId)
                .orElseThrow(() -> ProblemException.notFound("Webhook subscription"));
        Instant now = Instant.now();
        String fresh = WebhookSecret.generate();
        if (overlapMinutes > 0) {
            s.previousSecret = s.secret;
            s.previousSecretExpiresAt = now.plus(Duration.ofMinutes(overlapMinutes));
        } else {
            s.previousSecret = null;
            s.previousSecretExpiresAt = null;
        }
        s.secret = fresh;
        s.secretRotatedAt = now;
        audit.event(AuditAction.UPDATE, AuditResource.WEBHOOK_SUBSCRIPTION).id(s.id).study(studyId)
                .detail("change", "secret_rotated").detail("overlapMinutes", overlapMinutes).allowed();
        return new RotatedSecret(s.id, fresh, now, s.previousSecretExpiresAt);
    }

    /** Plain http only where {@code pro.notify.allow-http} is on (dev, test): 422 naming {@code url}. */
    private void requireHttps(String url) {
        if (!allowHttp && !URI.create(url).getScheme().equalsIgnoreCase("https")) {
            throw new ProblemException(ErrorCode.WEBHOOK_URL_NOT_HTTPS,
                    "Webhook URLs must use https: notices leave the service signed but not encrypted otherwise",
                    List.of(new FieldError("url", "https_required", "must be an https URL")));
        }
    }

    private WebhookSubscription requireSubscription(UUID studyId, UUID subscriptionId) {
        return subscriptions.findActive(studyId, subscriptionId)
                .orElseThrow(() -> ProblemException.notFound("Webhook subscription"));
    }

    private List<String> validate(NewSubscription body) {
        if (body == null) {
            throw ProblemException.invalid("A request body is required",
                    List.of(new FieldError("body", "required", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        WebhookTargets.problem(body.url() == null ? null : body.url().trim(), allowPrivateTargets)
                .ifPresent(p -> errors.add(new FieldError("url", "invalid", p)));
        String secret = body.secret();
        if (secret == null || secret.isEmpty()) {
            errors.add(new FieldError("secret", "required", "is required"));
        } else if (WebhookSecret.standardKey(secret).isEmpty()) {
            errors.add(new FieldError("secret", "invalid", "must be whsec_ followed by the base64 of "
                    + WebhookSecret.MIN_KEY_BYTES + " to " + WebhookSecret.MAX_KEY_BYTES + " random bytes"));
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        if (body.eventTypes() == null || body.eventTypes().isEmpty()) {
            errors.add(new FieldError("eventTypes", "required", "name at least one notice type"));
        } else {
            for (int i = 0; i < body.eventTypes().size(); i++) {
                String t = body.eventTypes().get(i);
                if (NoticeTypes.isKnown(t)) {
                    types.add(t);
                } else {
                    errors.add(new FieldError("eventTypes[" + i + "]", "unknown_event_type",
                            "must be one of " + String.join(", ", NoticeTypes.ALL)));
                }
            }
        }
        if (body.description() != null && body.description().length() > 200) {
            errors.add(new FieldError("description", "too_long", "must have at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " field(s) are invalid", errors);
        }
        return List.copyOf(types);
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    /** Keyset position in a delivery log: the last item's creation time and id, opaque to clients. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            String raw = createdAt.toString() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
