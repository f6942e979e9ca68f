package org.proservice.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs this instance's {@link DeliveryWorker} every {@code pro.notify.poll-interval}. Safe on every replica; a poll
 * that is still busy when the next one is due is skipped, and nothing runs before the schema is migrated.
 */
@ApplicationScoped
public class NotifyScheduler {

    private static final Logger LOG = Logger.getLogger(NotifyScheduler.class);

    @Inject
    NotifySettings settings;

    @Inject
    DeliveryStore store;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "pro-notify-worker");
        t.setDaemon(true);
        return t;
    });
    private volatile DeliveryWorker worker;
    private volatile boolean failing;

    /** After {@code DatabaseMigrator} (priority 1): the tables exist from here on. */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        String id = settings.instanceId().orElseGet(NotifyScheduler::defaultInstanceId);
        WebhookSender sender = new WebhookSender(json, settings.connectTimeout(), settings.requestTimeout(),
                settings.allowPrivateTargets(), settings.allowHttp());
        worker = new DeliveryWorker(id, store, sender, settings, metrics);
        if (settings.lease().compareTo(settings.connectTimeout().plus(settings.requestTimeout())) <= 0) {
            LOG.warnf("pro.notify.lease (%s) should exceed connect + request timeout (%s + %s): deliveries may be "
                    + "sent twice", settings.lease(), settings.connectTimeout(), settings.requestTimeout());
        }
        LOG.infof("Webhook delivery worker %s %s (poll %s)", id, settings.enabled() ? "enabled" : "disabled",
                settings.pollInterval());
    }

    @Scheduled(identity = "pro-notify-delivery", every = "${pro.notify.poll-interval:2s}", delayed = "1s",
            concurrentExecution = ConcurrentExecution.SKIP)
    void poll() {
        DeliveryWorker w = worker;
        if (w == null || !settings.enabled()) {
            return;
        }
        try {
            runOutsideTheSchedulersRequestContext(w);
            if (failing) {
                LOG.info("Webhook delivery worker recovered");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("Webhook delivery poll failed (%s); retrying at the next poll", e.getClass().getName());
                LOG.debug("Webhook delivery poll failure", e);
                failing = true;
            }
        }
    }

    /**
     * The scheduler calls {@link #poll} inside a request context without a caller; the worker is not a request (its
     * audit rows name the actor {@code system}), so it runs on a thread of its own and this poll waits for it.
     */
    private void runOutsideTheSchedulersRequestContext(DeliveryWorker w) {
        try {
            runner.submit(w::drain).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "instance";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
