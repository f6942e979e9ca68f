package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.notify.DeliveryStore.Attempt;
import org.proservice.notify.DeliveryStore.Claimed;
import org.proservice.support.Await;
import org.proservice.support.Fixtures;
import org.proservice.support.WebhookReceiver;
import org.proservice.support.WebhookReceiver.Received;

/**
 * Several delivery workers - each with its own HTTP client and its own database transactions, as two replicas of
 * the service would have - against one database. The application's own scheduled worker is switched off here, so
 * that the workers of the test are the only claimers.
 */
@QuarkusTest
@TestProfile(ConcurrentDeliveryTest.WorkersOff.class)
class ConcurrentDeliveryTest {

    public static class WorkersOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pro.notify.enabled", "false");
        }
    }

    static final String SECRET = "whsec_Y29uY3VycmVudC1kZWxpdmVyeS10LTAy";

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
        study = fixtures.study("Replicas " + UUID.randomUUID());
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALERT_RAISED);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void twoInstancesOnOneDatabaseDeliverEachNoticeExactlyOnce() throws Exception {
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "alert-" + i)));
        }
        SimpleMeterRegistry metricsA = new SimpleMeterRegistry();
        SimpleMeterRegistry metricsB = new SimpleMeterRegistry();
        DeliveryWorker a = worker("replica-a", 7, metricsA);
        DeliveryWorker b = worker("replica-b", 7, metricsB);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> loops = List.of(pool.submit(() -> loop(a, events)), pool.submit(() -> loop(b, events)));
            for (Future<?> loop : loops) {
                loop.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> perEvent = receiver.received().stream()
                .collect(Collectors.groupingBy(r -> r.header("Webhook-Id"), Collectors.counting()));
        assertEquals(events.stream().map(UUID::toString).collect(Collectors.toSet()), perEvent.keySet());
        assertEquals(Set.of(1L), Set.copyOf(perEvent.values()), "every notice exactly once");
        assertEquals(100, receiver.received().size());
        double sentByA = sent(metricsA);
        double sentByB = sent(metricsB);
        System.out.printf("replica-a sent %.0f, replica-b sent %.0f%n", sentByA, sentByB);
        assertEquals(100.0, sentByA + sentByB, "each notice sent by exactly one of the two instances");
        for (Received r : receiver.received()) {
            assertTrue(WebhookSignature.verify(SECRET, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                    r.header("webhook-signature")));
        }
        for (UUID event : events) {
            WebhookDelivery d = notify.only(event);
            assertEquals(WebhookDelivery.DELIVERED, d.state);
            assertEquals(1, d.attemptCount);
        }
    }

    @Test
    void deliveryOfACrashedInstanceIsTakenOverWhenItsLeaseExpires() {
        UUID event = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "alert-crash"));
        store.fanOut(100);

        // Instance A claims the delivery with a short lease and dies before sending it.
        List<Claimed> claimedByA = store.claim("replica-a", 100, Duration.ofMillis(300), 4).stream()
                .filter(c -> c.notice().id().equals(event)).toList();
        assertEquals(1, claimedByA.size());
        assertEquals(WebhookDelivery.IN_FLIGHT, notify.only(event).state);
        assertEquals("replica-a", notify.only(event).lockedBy);

        // Instance B finds it once the lease has run out and delivers it.
        DeliveryWorker b = worker("replica-b", 10, new SimpleMeterRegistry());
        Await.until("instance B delivers the abandoned notice", () -> {
            b.drain();
            return notify.deliveryIn(event, WebhookDelivery.DELIVERED);
        });
        assertEquals(1, receiver.forEvent(event).size());
        assertEquals(2, notify.only(event).attemptCount, "A's claim counted as an attempt");

        // A comes back and reports a failure: its lease is gone, so its result does not count.
        store.record("replica-a", List.of(new Attempt(claimedByA.get(0), false, 500, "HTTP 500")), 4,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)));
        WebhookDelivery after = notify.only(event);
        assertEquals(WebhookDelivery.DELIVERED, after.state);
        assertEquals(200, after.lastStatusCode);
    }

    @Test
    void deliveryLeasedDuringItsLastAttemptFailsInsteadOfBeingSentAgain() {
        UUID event = notify.publishNow(study, NoticeTypes.ALERT_RAISED, Map.of("alertId", "alert-last"));
        store.fanOut(100);
        assertEquals(1, claimOwn(event, "replica-a", 1).size(), "first and only attempt of max 1");

        Await.until("the expired lease is noticed", () -> {
            claimOwn(event, "replica-b", 1);
            return notify.deliveryIn(event, WebhookDelivery.FAILED);
        });
        assertEquals("lease expired during the last attempt", notify.only(event).lastError);
        assertEquals(List.of(), receiver.forEvent(event));
    }

    private List<Claimed> claimOwn(UUID event, String instance, int maxAttempts) {
        List<Claimed> claimed = store.claim(instance, 100, Duration.ofMillis(200), maxAttempts);
        // Give back what belongs to other tests' events untouched: nothing else is pending in this class.
        return claimed.stream().filter(c -> c.notice().id().equals(event)).toList();
    }

    private void loop(DeliveryWorker worker, List<UUID> events) {
        Await.until(worker.instanceId() + " sees all notices delivered", Duration.ofSeconds(110), () -> {
            worker.drain();
            return receiver.received().size() >= events.size()
                    && QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.count("state in ?1",
                            List.of(WebhookDelivery.PENDING, WebhookDelivery.IN_FLIGHT)) == 0);
        });
    }

    private DeliveryWorker worker(String instanceId, int batchSize, SimpleMeterRegistry metrics) {
        WebhookSender sender = new WebhookSender(json, settings.connectTimeout(), settings.requestTimeout(), true,
                true);
        return new DeliveryWorker(instanceId, store, sender, new Settings(settings, batchSize), metrics);
    }

    private static double sent(SimpleMeterRegistry metrics) {
        return metrics.find("pro.notify.webhook.attempts").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** The application's settings with another batch size. */
    record Settings(NotifySettings base, int batchSize) implements NotifySettings {
        public boolean enabled() { return true; }
        public String pollInterval() { return base.pollInterval(); }
        public int maxAttempts() { return base.maxAttempts(); }
        public Duration backoffBase() { return base.backoffBase(); }
        public Duration backoffMax() { return base.backoffMax(); }
        public Duration lease() { return base.lease(); }
        public Duration connectTimeout() { return base.connectTimeout(); }
        public Duration requestTimeout() { return base.requestTimeout(); }
        public boolean allowPrivateTargets() { return true; }
        public boolean allowHttp() { return true; }
        public Optional<String> instanceId() { return Optional.empty(); }
        public Retention retention() { return base.retention(); }
    }
}
