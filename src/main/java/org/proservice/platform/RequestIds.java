package org.proservice.platform;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, otherwise a new UUID.
 * The id is echoed in the response header, written to the log context and carried by problem bodies and audit rows.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "pro.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String given = rc.request().getHeader(HEADER);
            String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            rc.put(KEY, id);
            rc.response().putHeader(HEADER, id);
            MDC.put("requestId", id);
            rc.addEndHandler(v -> MDC.remove("requestId"));
            rc.next();
        }, 1000);
    }

    public static String of(RoutingContext rc) {
        Object id = rc.get(KEY);
        return id == null ? null : id.toString();
    }
}
