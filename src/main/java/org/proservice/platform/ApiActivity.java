package org.proservice.platform;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the API requests being served right now ({@code /api/*} and {@code /fhir/*}), whatever their outcome, so
 * that background work can step aside while clinicians and patients are using the service
 * ({@link BackgroundBudget}). It only counts: admission and load shedding are {@link LoadShedding}'s.
 */
@ApplicationScoped
public class ApiActivity {

    private final AtomicInteger inFlight = new AtomicInteger();

    void install(@Observes Router router) {
        router.route("/api/*").order(-10).handler(this::count);
        router.route("/fhir/*").order(-10).handler(this::count);
    }

    private void count(RoutingContext rc) {
        inFlight.incrementAndGet();
        rc.addEndHandler(done -> inFlight.decrementAndGet());
        rc.next();
    }

    /** API requests started and not yet answered. */
    public int inFlight() {
        return inFlight.get();
    }

    /** For tests that need the service to look busy without sending requests: adds {@code delta} (may be negative). */
    void adjust(int delta) {
        inFlight.addAndGet(delta);
    }
}
