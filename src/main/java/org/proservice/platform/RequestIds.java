package org.proservice.platform;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request two ids.
 * <ul>
 * <li>The <b>server id</b>: a new UUID for every request, never taken from the caller. It is what the audit trail
 * stores as {@code request_id} and what the log lines carry as {@code requestId}, so no caller can make two
 * requests look like one, or point at another's.</li>
 * <li>The <b>client id</b>: the caller's {@code X-Request-Id} when it is a sane token (8-64 characters of
 * {@code A-Z a-z 0-9 . _ : -}); anything else is dropped, so hostile input never reaches the log or the audit
 * table. It is kept beside the server id ({@code audit_event.client_request_id}, log key {@code clientRequestId}).</li>
 * </ul>
 * The response's {@code X-Request-Id} header and the {@code requestId} of problem bodies echo the client id when
 * there is one (the caller correlates by its own id), the server id otherwise ({@link #of}).
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String SERVER_KEY = "pro.requestId";
    private static final String CLIENT_KEY = "pro.clientRequestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String server = UUID.randomUUID().toString();
            String client = clientId(rc.request().getHeader(HEADER));
            rc.put(SERVER_KEY, server);
            if (client != null) {
                rc.put(CLIENT_KEY, client);
            }
            rc.response().putHeader(HEADER, client != null ? client : server);
            MDC.put("requestId", server);
            if (client != null) {
                MDC.put("clientRequestId", client);
            }
            rc.addEndHandler(v -> {
                MDC.remove("requestId");
                MDC.remove("clientRequestId");
            });
            rc.next();
        }, 1000);
    }

    /** The caller's id if it is a sane token, otherwise null. */
    static String clientId(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : null;
    }

    /** The id the caller sees (response header, problem bodies): its own id when it sent a sane one. */
    public static String of(RoutingContext rc) {
        Object client = rc.get(CLIENT_KEY);
        return client != null ? client.toString() : server(rc);
    }

    /** The server's id of the request; the audit trail's {@code request_id}. */
    public static String server(RoutingContext rc) {
        Object id = rc.get(SERVER_KEY);
        return id == null ? null : id.toString();
    }

    /** The caller's sane {@code X-Request-Id}, or null. */
    public static String client(RoutingContext rc) {
        Object id = rc.get(CLIENT_KEY);
        return id == null ? null : id.toString();
    }
}
