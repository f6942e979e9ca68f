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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemResponses;

/**
 * Sheds load past the knee, and keeps capacity for authenticated callers. The bearer token is verified first (the
 * identity is resolved once and reused by the endpoint); then
 * <ul>
 * <li>an authenticated caller takes one of {@code pro.http.max-in-flight} slots, at most
 * {@code pro.http.max-in-flight-per-caller} of them at once (more: 429), and gets 503 when they are all taken;</li>
 * <li>a request without a valid token takes one of {@code pro.http.max-in-flight-anonymous} slots of its own
 * (more: 503), so anonymous or forged traffic, stalled bodies included, never takes an authenticated slot.</li>
 * </ul>
 * Refusals are problem+json with {@code Retry-After}. Clients retry with the same {@code Idempotency-Key}, so a shed
 * submission is never lost or doubled. {@code /api/...} and {@code /fhir/...} are admitted here. Health, metrics and OpenAPI ({@code /q/...}) are never shed. The check runs
 * before the body is read, so a refused request costs no body buffering.
 */
@ApplicationScoped
public class LoadShedding {

    private final int maxInFlight;
    private final int maxAnonymous;
    private final int maxPerCaller;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger anonymous = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perCaller = new ConcurrentHashMap<>();

    LoadShedding(@ConfigProperty(name = "pro.http.max-in-flight", defaultValue = "64") int maxInFlight,
            @ConfigProperty(name = "pro.http.max-in-flight-anonymous", defaultValue = "8") int maxAnonymous,
            @ConfigProperty(name = "pro.http.max-in-flight-per-caller", defaultValue = "16") int maxPerCaller) {
        this.maxInFlight = maxInFlight;
        this.maxAnonymous = maxAnonymous;
        this.maxPerCaller = maxPerCaller;
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

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
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
        if (!tryAcquire()) {
            mine.decrementAndGet();
            giveBack(subject, mine);
            refuse(rc, ErrorCode.OVERLOADED, "The service is at capacity; retry shortly with the same Idempotency-Key");
            return;
        }
        rc.addEndHandler(done -> {
            release();
            mine.decrementAndGet();
            giveBack(subject, mine);
        });
        rc.next();
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
