package org.proservice.platform;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemResponses;

/**
 * Sheds load past the knee: when {@code pro.http.max-in-flight} API requests are already being served, a new one
 * is answered at once with 503 problem+json and {@code Retry-After}, instead of queueing until clients time out.
 * Clients retry with the same {@code Idempotency-Key}, so a shed submission is never lost or doubled. Health,
 * metrics and OpenAPI ({@code /q/...}) are never shed.
 */
@ApplicationScoped
public class LoadShedding {

    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadShedding(@ConfigProperty(name = "pro.http.max-in-flight", defaultValue = "64") int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-4).handler(this::admit);
    }

    /** Takes a slot if one is free; the caller must {@link #release()} it. */
    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlight) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    private void admit(RoutingContext rc) {
        if (!tryAcquire()) {
            shed(rc);
            return;
        }
        rc.addEndHandler(done -> release());
        rc.next();
    }

    private void shed(RoutingContext rc) {
        ProblemResponses.send(rc, ErrorCode.OVERLOADED,
                "The service is at capacity; retry shortly with the same Idempotency-Key",
                response -> response.putHeader("Retry-After", "1"));
    }
}
