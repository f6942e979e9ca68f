package org.proservice.notify;

import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;
import java.util.List;
import org.proservice.notify.DeliveryStore.Attempt;
import org.proservice.notify.DeliveryStore.Claimed;

/**
 * One instance's delivery loop: fan due notices out, claim due deliveries (short transaction), POST them (no
 * transaction open), record the results (short transaction). Any number of workers - threads, replicas - may run
 * against one database: row locks with {@code SKIP LOCKED} and leases make each delivery go to one worker at a
 * time, and a worker's results only count while it still holds the lease.
 */
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** Rounds per {@link #drain()} call, so that one poll cannot run for ever under a flood of notices. */
    static final int MAX_ROUNDS = 20;

    private final String instanceId;
    private final DeliveryStore store;
    private final WebhookSender sender;
    private final NotifySettings settings;
    private final Backoff backoff;
    private final MeterRegistry metrics;

    public DeliveryWorker(String instanceId, DeliveryStore store, WebhookSender sender, NotifySettings settings,
            MeterRegistry metrics) {
        this.instanceId = instanceId;
        this.store = store;
        this.sender = sender;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
        this.metrics = metrics;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Works until nothing is due (or {@link #MAX_ROUNDS} full batches were handled). */
    public void drain() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int fannedOut = store.fanOut(settings.batchSize());
            int sent = deliverOnce();
            if (fannedOut < settings.batchSize() && sent < settings.batchSize()) {
                return;
            }
        }
    }

    /** Claims one batch of due deliveries, sends them and records the results; returns how many were sent. */
    public int deliverOnce() {
        List<Claimed> claimed = store.claim(instanceId, settings.batchSize(), settings.lease(),
                settings.maxAttempts());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Attempt> attempts = sender.sendAll(claimed);
        store.record(instanceId, attempts, settings.maxAttempts(), backoff);
        count(attempts);
        return claimed.size();
    }

    private void count(List<Attempt> attempts) {
        for (Attempt a : attempts) {
            boolean last = a.claimed().attempt() >= settings.maxAttempts();
            String outcome = a.delivered() ? "delivered" : last ? "failed" : "retry";
            if (!a.delivered()) {
                // Ids and a short reason only: no URL (it may carry a token), no payload.
                if (last) {
                    LOG.warnf("Webhook delivery %s (subscription %s, event %s) failed after %d attempts: %s",
                            a.claimed().deliveryId(), a.claimed().subscriptionId(), a.claimed().notice().id(),
                            a.claimed().attempt(), a.error());
                } else {
                    LOG.debugf("Webhook delivery %s attempt %d failed: %s", a.claimed().deliveryId(),
                            a.claimed().attempt(), a.error());
                }
            }
            if (metrics != null) {
                metrics.counter("pro.notify.webhook.attempts", "outcome", outcome).increment();
            }
        }
    }
}
