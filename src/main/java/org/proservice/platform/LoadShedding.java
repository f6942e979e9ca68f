package org.proservice.platform;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemResponses;

/**
 * Keeps the service at the concurrency it serves best, sheds load past the knee, and keeps capacity for authenticated
 * callers. The bearer token is verified first (the identity is resolved once and reused by the endpoint); then
 * <ul>
 * <li>an authenticated caller's request runs in one of {@code pro.http.max-in-flight} slots. When they are all taken
 * it waits, in arrival order and without a thread, in a queue of at most {@code pro.http.max-queued} requests for
 * at most {@code pro.http.max-queue-wait}; a full queue or a wait that runs out is 503. One caller has at most
 * {@code pro.http.max-in-flight-per-caller} requests running or waiting (more: 429), fewer than the slots, so one
 * caller cannot take every slot;</li>
 * <li>a request without a valid token takes one of {@code pro.http.max-in-flight-anonymous} slots of its own
 * (more: 503), so anonymous or forged traffic, stalled bodies included, never takes an authenticated slot.</li>
 * </ul>
 * The slots are few on purpose: on a small machine, dozens of requests working at once only take turns on the CPU
 * while holding database connections, and every one of them gets slower (bench/README.md, "Concurrency"). A
 * request that waits holds no thread and no connection. Refusals are problem+json with {@code Retry-After}. Clients
 * retry with the same {@code Idempotency-Key}, so a shed submission is never lost or doubled. {@code /api/...} and
 * {@code /fhir/...} are admitted here; health, metrics and OpenAPI ({@code /q/...}) are never shed. The check runs
 * before the body is read (a waiting request's body is left unread), so a refused request costs no body buffering.
 */
@ApplicationScoped
public class LoadShedding {

    private static final String AT_CAPACITY = "The service is at capacity; retry shortly with the same Idempotency-Key";

    private final int maxInFlight;
    private final int maxAnonymous;
    private final int maxPerCaller;
    private final int maxQueued;
    private final long maxQueueWaitMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger anonymous = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perCaller = new ConcurrentHashMap<>();

    LoadShedding(@ConfigProperty(name = "pro.http.max-in-flight") int maxInFlight,
            @ConfigProperty(name = "pro.http.max-in-flight-anonymous") int maxAnonymous,
            @ConfigProperty(name = "pro.http.max-in-flight-per-caller") int maxPerCaller,
            @ConfigProperty(name = "pro.http.max-queued") int maxQueued,
            @ConfigProperty(name = "pro.http.max-queue-wait") Duration maxQueueWait) {
        if (maxInFlight < 0 || maxAnonymous < 1 || maxPerCaller < 0 || maxQueued < 0 || maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("PRO_MAX_IN_FLIGHT and PRO_MAX_IN_FLIGHT_PER_CALLER must not be negative "
                    + "(0: sized from the CPUs), PRO_MAX_IN_FLIGHT_ANONYMOUS at least 1, PRO_MAX_QUEUED and "
                    + "PRO_MAX_QUEUE_WAIT not negative");
        }
        this.maxInFlight = maxInFlight > 0 ? maxInFlight : defaultInFlight(Runtime.getRuntime().availableProcessors());
        this.maxPerCaller = maxPerCaller > 0 ? maxPerCaller : defaultPerCaller(this.maxInFlight);
        this.maxAnonymous = maxAnonymous;
        this.maxQueued = maxQueued;
        this.maxQueueWaitMillis = Math.max(1, maxQueueWait.toMillis());
    }

    /** Slots when not configured: eight per CPU the JVM may use, at least eight (16 on a 2-core machine). */
    static int defaultInFlight(int cpus) {
        return Math.max(8, 8 * cpus);
    }

    /** One caller's share when not configured: three quarters of the slots, so others always keep some. */
    static int defaultPerCaller(int inFlight) {
        return Math.max(1, inFlight * 3 / 4);
    }

    int maxInFlight() {
        return maxInFlight;
    }

    int maxPerCaller() {
        return maxPerCaller;
    }

    /** An authenticated request waiting for a slot; exactly one of dispatch and time-out takes it. */
    private static final class Waiting {
        final RoutingContext rc;
        final Context context;
        final String subject;
        final AtomicInteger callerCount;
        final AtomicBoolean taken = new AtomicBoolean();
        volatile long timer;

        Waiting(RoutingContext rc, Context context, String subject, AtomicInteger callerCount) {
            this.rc = rc;
            this.context = context;
            this.subject = subject;
            this.callerCount = callerCount;
        }
    }

    void install(@Observes Router router) {
        // Every route that does work for a caller is admitted here: the REST API and the FHIR interface (whose
        // anonymous capability statement counts against the anonymous budget like any other tokenless request).
        router.route("/api/*").order(-4).handler(this::admit);
        router.route("/fhir/*").order(-4).handler(this::admit);
    }

    /** Takes an authenticated slot if one is free; the caller must {@link #release()} it. */
    boolean tryAcquire() {
        return take(inFlight, maxInFlight);
    }

    /** Gives a slot back and hands it to the longest-waiting request, if any. */
    void release() {
        inFlight.decrementAndGet();
        dispatchWaiting();
    }

    int inFlight() {
        return inFlight.get();
    }

    int queued() {
        return queued.get();
    }

    int anonymousInFlight() {
        return anonymous.get();
    }

    private void admit(RoutingContext rc) {
        Uni<SecurityIdentity> identity = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (identity == null || rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            admitAnonymous(rc);
            return;
        }
        Context context = rc.vertx().getOrCreateContext();
        rc.request().pause();
        identity.subscribe().with(
                resolved -> context.runOnContext(v -> {
                    rc.request().resume();
                    if (resolved.isAnonymous()) {
                        admitAnonymous(rc);
                    } else {
                        admitCaller(rc, resolved.getPrincipal().getName());
                    }
                }),
                failed -> context.runOnContext(v -> {
                    rc.request().resume();
                    admitAnonymous(rc); // the endpoint answers 401 from the same failed identity
                }));
    }

    private void admitAnonymous(RoutingContext rc) {
        if (rc.response().headWritten() || rc.response().closed()) {
            return; // already answered (or the client went away) while the token was being checked
        }
        if (!take(anonymous, maxAnonymous)) {
            refuse(rc, ErrorCode.ANONYMOUS_OVERLOADED, "Too many unauthenticated requests at once; retry shortly");
            return;
        }
        rc.addEndHandler(done -> anonymous.decrementAndGet());
        rc.next();
    }

    private void admitCaller(RoutingContext rc, String subject) {
        if (rc.response().headWritten() || rc.response().closed()) {
            return;
        }
        AtomicInteger mine = perCaller.computeIfAbsent(subject, s -> new AtomicInteger());
        if (!take(mine, maxPerCaller)) {
            giveBack(subject, mine);
            refuse(rc, ErrorCode.CALLER_OVER_LIMIT,
                    "You have " + maxPerCaller + " requests in progress; wait for one to finish");
            return;
        }
        if (tryAcquire()) {
            run(rc, subject, mine);
            return;
        }
        if (!take(queued, maxQueued)) {
            mine.decrementAndGet();
            giveBack(subject, mine);
            refuse(rc, ErrorCode.OVERLOADED, AT_CAPACITY);
            return;
        }
        Waiting w = new Waiting(rc, rc.vertx().getOrCreateContext(), subject, mine);
        rc.request().pause(); // the body stays with the client until the request runs
        w.timer = rc.vertx().setTimer(maxQueueWaitMillis, id -> {
            if (w.taken.compareAndSet(false, true)) {
                queue.remove(w);
                queued.decrementAndGet();
                forget(w);
                if (!rc.response().closed()) {
                    rc.request().resume();
                    refuse(rc, ErrorCode.OVERLOADED, AT_CAPACITY);
                }
            }
        });
        queue.add(w);
        dispatchWaiting(); // a slot may have come free between the failed acquire and joining the queue
    }

    /** Runs an admitted request; its slot comes back when the response ends (or the connection closes). */
    private void run(RoutingContext rc, String subject, AtomicInteger mine) {
        rc.addEndHandler(done -> {
            mine.decrementAndGet();
            giveBack(subject, mine);
            release();
        });
        rc.next();
    }

    /** Hands free slots to waiting requests, oldest first; each runs on its own connection's event loop. */
    private void dispatchWaiting() {
        while (!queue.isEmpty()) {
            if (!tryAcquire()) {
                return;
            }
            Waiting w = queue.poll();
            if (w == null || !w.taken.compareAndSet(false, true)) {
                inFlight.decrementAndGet(); // nothing to hand the slot to (emptied or timed out meanwhile)
                continue;
            }
            queued.decrementAndGet();
            w.rc.vertx().cancelTimer(w.timer);
            w.context.runOnContext(v -> {
                // On the request's own event loop, so a close of its connection cannot slip in between.
                if (w.rc.response().closed() || w.rc.response().headWritten()) {
                    forget(w);
                    release();
                    return;
                }
                w.rc.request().resume();
                run(w.rc, w.subject, w.callerCount);
            });
        }
    }

    private void forget(Waiting w) {
        w.callerCount.decrementAndGet();
        giveBack(w.subject, w.callerCount);
    }

    /** Forgets a caller's counter once it is back at zero, so the map holds only callers with requests in flight. */
    private void giveBack(String subject, AtomicInteger counter) {
        perCaller.computeIfPresent(subject, (s, c) -> c == counter && c.get() <= 0 ? null : c);
    }

    private static boolean take(AtomicInteger counter, int max) {
        while (true) {
            int current = counter.get();
            if (current >= max) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private static void refuse(RoutingContext rc, ErrorCode code, String detail) {
        ProblemResponses.send(rc, code, detail, response -> response.putHeader("Retry-After", "1")
                .putHeader(HttpHeaders.CONNECTION, "close"));
    }
}
