package org.proservice.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.audit.AuditEvent;
import org.proservice.support.LogCapture;
import org.proservice.support.Await;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;
import org.proservice.support.WebhookReceiver;
import org.proservice.support.WebhookReceiver.Received;

/**
 * End to end through the running service: notices published through the outbox reach a local receiver as signed
 * POSTs, delivered by the scheduled worker (test profile: poll 1 s, backoff 200 ms..1 s, 4 attempts).
 */
@QuarkusTest
class WebhookDeliveryTest {

    static final String SECRET = "whsec_d2ViaG9vay1kZWxpdmVyeS10ZXN0LTAx";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Fixtures fixtures;

    @Inject
    NotifyTestSupport notify;

    @Inject
    Outbox outbox;

    WebhookReceiver receiver;
    UUID study;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        study = fixtures.study("Webhooks " + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void alertNoticeArrivesSignedWithItsEventIdAndNoAnswers() throws Exception {
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        UUID alertId = UUID.randomUUID();
        UUID patientId = UUID.randomUUID();
        UUID responseId = UUID.randomUUID();
        UUID eventId = notify.publish(study, NoticeTypes.ALERT_RAISED, "alert.raised:" + alertId, null,
                NoticeData.alertRaised(alertId, study, patientId, responseId));

        Await.until("the alert notice is delivered", () -> notify.deliveryIn(eventId, WebhookDelivery.DELIVERED));

        List<Received> got = receiver.forEvent(eventId);
        assertEquals(1, got.size());
        Received r = got.get(0);
        assertEquals("/hook", r.path());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        assertTrue(WebhookSignature.verify(SECRET, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature")), "signature verifies with the subscription secret");
        assertFalse(WebhookSignature.verify("another-secret-0123456789", r.header("webhook-id"),
                r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature")), "signature does not verify with another secret");
        assertTrue(r.header("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="), r.header("webhook-signature"));
        assertEquals(eventId.toString(), r.header("webhook-id"));
        long timestamp = Long.parseLong(r.header("Webhook-Timestamp"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 600, "timestamp is unix seconds");

        JsonNode body = JSON.readTree(r.body());
        assertEquals(Set.of("id", "type", "occurredAt", "studyId", "data"), fieldNames(body));
        assertEquals(eventId.toString(), body.get("id").asText());
        assertEquals("alert.raised", body.get("type").asText());
        assertEquals(study.toString(), body.get("studyId").asText());
        Instant.parse(body.get("occurredAt").asText());
        assertEquals(Set.of("alertId", "patientId", "responseId", "studyId", "links"), fieldNames(body.get("data")));
        assertEquals(alertId.toString(), body.at("/data/alertId").asText());
        assertEquals("/api/v1/patients/" + patientId + "/responses/" + responseId,
                body.at("/data/links/response").asText());
        assertFalse(r.bodyText().contains("answer"), "no answers in the notice");

        WebhookDelivery d = notify.only(eventId);
        assertEquals(1, d.attemptCount);
        assertEquals(200, d.lastStatusCode);
        assertNull(d.lastError);
        assertEquals(OutboxEvent.DISPATCHED, notify.event(eventId).state);
    }

    @Test
    void onlySubscribedTypesOfTheSameStudyAreDelivered() {
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        UUID otherStudy = fixtures.study("Other " + UUID.randomUUID());
        UUID wrongType = notify.publishNow(study, NoticeTypes.RESPONSE_STORED, Map.of("responseId", "r-1"));
        UUID wrongStudy = notify.publishNow(otherStudy, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-0"));
        UUID wanted = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-1"));

        Await.until("the subscribed notice is delivered", () -> notify.deliveryIn(wanted, WebhookDelivery.DELIVERED));
        Await.until("the other notices are fanned out",
                () -> OutboxEvent.DISPATCHED.equals(notify.event(wrongType).state)
                        && OutboxEvent.DISPATCHED.equals(notify.event(wrongStudy).state));

        assertEquals(List.of(), notify.deliveriesOf(wrongType));
        assertEquals(List.of(), notify.deliveriesOf(wrongStudy));
        assertEquals(1, receiver.received().size());
    }

    @Test
    void receiverThatFailsThenRecoversGetsTheNoticeLater() {
        receiver.answerWith(n -> n <= 2 ? 500 : 204);
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        UUID eventId = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-2"));

        Await.until("the notice is delivered after the receiver recovers",
                () -> notify.deliveryIn(eventId, WebhookDelivery.DELIVERED));

        List<Received> got = receiver.forEvent(eventId);
        assertEquals(List.of(500, 500, 204), got.stream().map(Received::answeredWith).toList());
        assertEquals(1, got.stream().map(Received::bodyText).distinct().count(), "every retry has the same body");
        got.forEach(r -> assertTrue(WebhookSignature.verify(SECRET, r.header("webhook-id"),
                r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature"))));
        WebhookDelivery d = notify.only(eventId);
        assertEquals(3, d.attemptCount);
        assertEquals(204, d.lastStatusCode);
        assertTrue(d.deliveredAt != null);
    }

    @Test
    void deliveryFailsAfterMaxAttemptsAndAnAdminCanRedeliverIt() {
        receiver.answerWith(n -> 503);
        UUID subscription = NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        UUID eventId = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-3"));

        Await.until("the delivery gives up", () -> notify.deliveryIn(eventId, WebhookDelivery.FAILED));
        WebhookDelivery failed = notify.only(eventId);
        assertEquals(4, failed.attemptCount, "max attempts in the test profile");
        assertEquals(503, failed.lastStatusCode);
        assertEquals("HTTP 503", failed.lastError);
        assertEquals(4, receiver.forEvent(eventId).size());

        String admin = TestTokens.bearer(TestTokens.admin("admin-redeliver"));
        given().header("Authorization", admin)
                .when().get("/api/v1/studies/{s}/webhooks/{w}/deliveries?state=failed", study, subscription)
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(failed.id.toString()))
                .body("items[0].eventId", equalTo(eventId.toString()))
                .body("items[0].eventType", equalTo("alert.raised"))
                .body("items[0].state", equalTo("failed"))
                .body("items[0].attemptCount", equalTo(4))
                .body("items[0].lastStatusCode", equalTo(503));

        receiver.answerWith(n -> 200);
        given().header("Authorization", admin)
                .when().post("/api/v1/studies/{s}/webhooks/{w}/deliveries/{d}/redeliver", study, subscription,
                        failed.id)
                .then().statusCode(202)
                .body("state", equalTo("pending"))
                .body("attemptCount", equalTo(0));

        Await.until("the redelivery succeeds", () -> notify.deliveryIn(eventId, WebhookDelivery.DELIVERED));
        List<Received> got = receiver.forEvent(eventId);
        assertEquals(5, got.size());
        assertEquals(200, got.get(4).answeredWith());
        assertEquals(eventId.toString(), got.get(4).header("Webhook-Id"), "the same event id again");
        assertEquals(1, notify.only(eventId).attemptCount);
    }

    @Test
    void sameDedupKeyNeverProducesASecondNotice() {
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.TASK_OPENED);
        String key = "task.opened:" + UUID.randomUUID() + ":T1:phq9";
        UUID first = notify.publish(study, NoticeTypes.TASK_OPENED, key, null, Map.of("enrollmentId", "t-1"));
        UUID again = notify.publish(study, NoticeTypes.TASK_OPENED, key, null, Map.of("enrollmentId", "t-1"));
        Await.until("the first notice is delivered", () -> notify.deliveryIn(first, WebhookDelivery.DELIVERED));
        UUID afterDelivery = notify.publish(study, NoticeTypes.TASK_OPENED, key, null, Map.of("enrollmentId", "t-1"));

        assertTrue(first != null);
        assertNull(again, "a retry of the publishing transaction adds nothing");
        assertNull(afterDelivery, "nor does a repeat after delivery");
        UUID sentinel = notify.publishNow(study, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "t-sentinel"));
        Await.until("a later notice is delivered", () -> notify.deliveryIn(sentinel, WebhookDelivery.DELIVERED));
        assertEquals(2, receiver.received().size());
        assertEquals(1, receiver.forEvent(first).size());
    }

    @Test
    void reminderForATaskCompletedBeforeItsTimeIsNeverSent() {
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.TASK_OPENED, NoticeTypes.TASK_CLOSING);
        String task = "enrollment-" + UUID.randomUUID() + ":T2:gad7";
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS);
        UUID opened = notify.publish(study, NoticeTypes.TASK_OPENED, "task.opened:" + task, later,
                Map.of("enrollmentId", task));
        UUID closing = notify.publish(study, NoticeTypes.TASK_CLOSING, "task.closing:" + task, later,
                Map.of("enrollmentId", task));

        // The task is completed before the reminders are due: the response feature cancels them in its transaction.
        int cancelled = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> outbox().cancel(List.of("task.opened:" + task, "task.closing:" + task),
                        "task_completed"));

        assertEquals(2, cancelled);
        assertEquals(OutboxEvent.CANCELLED, notify.event(opened).state);
        assertEquals("task_completed", notify.event(closing).cancelReason);
        UUID sentinel = notify.publishNow(study, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "sentinel"));
        Await.until("a later notice is delivered", () -> notify.deliveryIn(sentinel, WebhookDelivery.DELIVERED));
        assertEquals(List.of(), notify.deliveriesOf(opened));
        assertEquals(List.of(), notify.deliveriesOf(closing));
        assertEquals(OutboxEvent.CANCELLED, notify.event(opened).state);
    }

    @Test
    void cancellingAfterFanOutWithdrawsTheRetriesOfAFailingDelivery() {
        receiver.answerWith(n -> 500);
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.TASK_CLOSING);
        String key = "task.closing:" + UUID.randomUUID() + ":T3:bpi-sf";
        UUID eventId = notify.publish(study, NoticeTypes.TASK_CLOSING, key, null, Map.of("enrollmentId", "t-closing"));
        Await.until("the first attempt failed", () -> !receiver.forEvent(eventId).isEmpty());

        // The task is completed while the reminder waits for its retry (an attempt in flight cannot be stopped:
        // the next call catches it when it is back to pending).
        Await.until("the waiting delivery is cancelled", () -> {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> outbox().cancel(List.of(key), "task_completed"));
            return notify.deliveryIn(eventId, WebhookDelivery.CANCELLED);
        });
        assertEquals("cancelled: task_completed", notify.only(eventId).lastError);
        assertEquals(OutboxEvent.DISPATCHED, notify.event(eventId).state);
    }

    @Test
    void guardWithdrawsAReminderWhoseTaskWasCompletedWithoutCancellingIt() {
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.TASK_CLOSING);
        String task = "task-" + UUID.randomUUID();
        TestNoticeGuard.COMPLETED_TASKS.add(task);
        UUID withdrawn = notify.publishNow(study, NoticeTypes.TASK_CLOSING, Map.of("enrollmentId", task));
        UUID sentinel = notify.publishNow(study, NoticeTypes.TASK_CLOSING, Map.of("enrollmentId", "still-open"));

        Await.until("the guarded notice is withdrawn",
                () -> OutboxEvent.CANCELLED.equals(notify.event(withdrawn).state));
        Await.until("the open task's notice is delivered",
                () -> notify.deliveryIn(sentinel, WebhookDelivery.DELIVERED));
        assertEquals("not_relevant", notify.event(withdrawn).cancelReason);
        assertEquals(List.of(), receiver.forEvent(withdrawn));
    }

    @Test
    void rescheduledReminderIsSentOnceAtItsNewTime() {
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.TASK_OPENED);
        String key = "task.opened:" + UUID.randomUUID() + ":T1:pcl5";
        Instant farAway = Instant.now().plus(30, ChronoUnit.DAYS);
        UUID id = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> outbox()
                .schedule(study, NoticeTypes.TASK_OPENED, key, farAway,
                        Map.of("enrollmentId", "t-9", "timepointKey", "v1"))
                .orElseThrow());
        assertEquals(OutboxEvent.PENDING, notify.event(id).state);

        // A protocol change moves the window: the same reminder, now due.
        UUID moved = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> outbox()
                .schedule(study, NoticeTypes.TASK_OPENED, key, Instant.now(),
                        Map.of("enrollmentId", "t-9", "timepointKey", "v2"))
                .orElseThrow());
        assertEquals(id, moved, "rescheduling keeps the event id");
        Await.until("the reminder is delivered", () -> notify.deliveryIn(id, WebhookDelivery.DELIVERED));

        // Another protocol change after it went out: no second reminder.
        var third = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> outbox()
                .schedule(study, NoticeTypes.TASK_OPENED, key, Instant.now(),
                        Map.of("enrollmentId", "t-9", "timepointKey", "v3")));
        assertTrue(third.isEmpty());
        assertEquals(1, receiver.forEvent(id).size());
        assertTrue(receiver.forEvent(id).get(0).bodyText().contains("\"timepointKey\":\"v2\""));
    }

    @Test
    void deletedSubscriptionReceivesNothingMore() {
        UUID subscription = NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("admin-del")))
                .when().delete("/api/v1/studies/{s}/webhooks/{w}", study, subscription)
                .then().statusCode(204);
        UUID eventId = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-9"));
        Await.until("the notice is fanned out", () -> OutboxEvent.DISPATCHED.equals(notify.event(eventId).state));
        assertEquals(List.of(), notify.deliveriesOf(eventId));
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void everyDeliveryAttemptIsAuditedWithoutTheBody() {
        receiver.answerWith(n -> n == 1 ? 503 : 200);
        UUID subscription = NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        UUID patientId = UUID.randomUUID();
        UUID eventId = notify.publishNow(study, NoticeTypes.ALERT_RAISED,
                NoticeData.alertRaised(UUID.randomUUID(), study, patientId, UUID.randomUUID()));
        Await.until("delivered on the second attempt", () -> notify.deliveryIn(eventId, WebhookDelivery.DELIVERED));
        UUID deliveryId = notify.only(eventId).id;

        List<AuditEvent> rows = QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list(
                "resourceType = ?1 and resourceId = ?2 order by id", "webhook_delivery", deliveryId.toString()));
        assertEquals(2, rows.size(), "one audit row per attempt");
        Set<String> allowedDetail = Set.of("result", "attempt", "subscriptionId", "eventId", "eventType",
                "statusCode", "error", "instance", "leaseLost");
        for (AuditEvent row : rows) {
            assertEquals("deliver", row.action);
            assertEquals("allowed", row.outcome, "the request went out");
            assertEquals("system", row.actorSubject);
            assertEquals(study, row.studyId);
            assertEquals(patientId, row.patientId, "findable by the patient the notice names");
            assertTrue(allowedDetail.containsAll(row.detail.keySet()), row.detail.toString());
            assertEquals(subscription.toString(), row.detail.get("subscriptionId"));
            assertEquals(eventId.toString(), row.detail.get("eventId"));
            String detail = row.detail.toString();
            assertFalse(detail.contains("/api/") || detail.contains("127.0.0.1") || detail.contains(SECRET),
                    "no body, URL or secret in the audit: " + detail);
        }
        assertEquals("retry", rows.get(0).detail.get("result"));
        assertEquals(503, ((Number) rows.get(0).detail.get("statusCode")).intValue());
        assertEquals("HTTP 503", rows.get(0).detail.get("error"));
        assertEquals(1, ((Number) rows.get(0).detail.get("attempt")).intValue());
        assertEquals("delivered", rows.get(1).detail.get("result"));
        assertEquals(200, ((Number) rows.get(1).detail.get("statusCode")).intValue());
        assertEquals(2, ((Number) rows.get(1).detail.get("attempt")).intValue());
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("admin-audit-read")))
                .when().get("/api/v1/audit?patient={p}", patientId).then().statusCode(200)
                .body("items.findAll { it.action == 'deliver' }.size()", equalTo(2));
    }

    @Test
    void duringARotationOverlapDeliveriesCarryBothSignaturesAndAfterwardsOnlyTheNewOne() throws Exception {
        UUID subscription = NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
        String admin = TestTokens.bearer(TestTokens.admin("admin-rotate"));
        String rotated;
        try (LogCapture log = LogCapture.install()) {
            rotated = given().header("Authorization", admin).contentType("application/json")
                    .body(Map.of("overlapMinutes", 60))
                    .when().post("/api/v1/studies/{s}/webhooks/{w}/rotate-secret", study, subscription)
                    .then().statusCode(200).extract().path("secret");

            UUID during = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-rot-1"));
            Await.until("delivered during the overlap", () -> notify.deliveryIn(during, WebhookDelivery.DELIVERED));
            Received r = receiver.forEvent(during).get(0);
            String header = r.header("webhook-signature");
            assertEquals(2, header.split(" ").length, header);
            assertTrue(verify(rotated, r), "the new secret verifies");
            assertTrue(verify(SECRET, r), "the old secret still verifies during the overlap");
            assertEquals(WebhookSignature.sign(rotated, r.header("webhook-id"),
                    Long.parseLong(r.header("webhook-timestamp")), r.body()), header.split(" ")[0], "new first");

            // The overlap ends (its end moved to the past, as time would).
            QuarkusTransaction.requiringNew().run(() -> WebhookSubscription.update(
                    "previousSecretExpiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), subscription));
            UUID after = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-rot-2"));
            Await.until("delivered after the overlap", () -> notify.deliveryIn(after, WebhookDelivery.DELIVERED));
            Received later = receiver.forEvent(after).get(0);
            assertEquals(1, later.header("webhook-signature").split(" ").length, later.header("webhook-signature"));
            assertTrue(verify(rotated, later), "the new secret verifies");
            assertFalse(verify(SECRET, later), "the old secret no longer does");

            // A rotation without overlap (a leaked secret) ends the current one at once.
            String fresh = given().header("Authorization", admin).contentType("application/json")
                    .body(Map.of("overlapMinutes", 0))
                    .when().post("/api/v1/studies/{s}/webhooks/{w}/rotate-secret", study, subscription)
                    .then().statusCode(200).body("previousSecretValidUntil", nullValue()).extract().path("secret");
            UUID last = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "a-rot-3"));
            Await.until("delivered after the second rotation", () -> notify.deliveryIn(last, WebhookDelivery.DELIVERED));
            Received third = receiver.forEvent(last).get(0);
            assertTrue(verify(fresh, third));
            assertFalse(verify(rotated, third), "no overlap: the previous secret stopped at once");
            assertFalse(verify(SECRET, third));

            log.assertNoneContains(rotated.substring(6));
            log.assertNoneContains(fresh.substring(6));
            log.assertNoneContains(SECRET.substring(6));
        }
    }

    static boolean verify(String secret, Received r) {
        return WebhookSignature.verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature"));
    }

    Outbox outbox() {
        return outbox;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
