package org.proservice.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every HTTP/1.x request body before JAX-RS does, under three rules, each refused with problem+json:
 * <ul>
 * <li>size: more than {@code quarkus.http.limits.max-body-size} is 413 (declared or chunked). Quarkus' own check
 * (an empty 413, order -2) runs after this one and never fires;</li>
 * <li>time: a body not complete within {@code pro.http.body-read-timeout} of its first byte being awaited is 408,
 * and the connection is closed, so a stalled upload holds nothing for long;</li>
 * </ul>
 * JAX-RS then reads the buffered body, and {@link BodyScreen} applies the payload rule to its text.
 */
@ApplicationScoped
public class RequestBodies {

    private static final String TIMER = "pro.bodyTimer";

    private final long maxBodySize;
    private final long readTimeoutMillis;

    RequestBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "pro.http.body-read-timeout", defaultValue = "10s") Duration readTimeout) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.readTimeoutMillis = Math.max(1, readTimeout.toMillis());
    }

    void install(@Observes Router router) {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(maxBodySize);
        router.route().order(-3).handler(rc -> {
            if (!hasBody(rc)) {
                rc.next();
            } else if (declaredTooLarge(rc)) {
                sendTooLarge(rc);
            } else {
                long timer = rc.vertx().setTimer(readTimeoutMillis, id -> timedOut(rc));
                rc.put(TIMER, timer);
                rc.addEndHandler(v -> rc.vertx().cancelTimer(timer));
                reader.handle(rc); // buffers the body, or fails the request with 413
            }
        });
        router.route().order(-3).handler(this::screen);
        router.route().order(-3).failureHandler(this::problemFor413);
    }

    /**
     * An HTTP/1.x request with a body, or an HTTP/2 body of undeclared length (which must be bounded here). An
     * HTTP/2 body of declared length is left to JAX-RS, which cannot take a stream that has already ended; its text
     * is screened by {@link BodyScreen} all the same.
     */
    private static boolean hasBody(RoutingContext rc) {
        if (rc.request().version() == HttpVersion.HTTP_2) {
            io.vertx.core.http.HttpMethod method = rc.request().method();
            return rc.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && (method == io.vertx.core.http.HttpMethod.POST || method == io.vertx.core.http.HttpMethod.PUT
                            || method == io.vertx.core.http.HttpMethod.PATCH);
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        return rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private boolean declaredTooLarge(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > maxBodySize;
        } catch (NumberFormatException ignored) {
            return false; // Vert.x itself rejects a malformed Content-Length.
        }
    }

    private void screen(RoutingContext rc) {
        Long timer = rc.get(TIMER);
        if (timer != null) {
            rc.vertx().cancelTimer(timer);
        }
        if (rc.response().headWritten()) {
            return; // already answered (408) while the body was still arriving
        }
        rc.next();
    }

    private void timedOut(RoutingContext rc) {
        if (rc.response().headWritten()) {
            return;
        }
        rc.response().endHandler(v -> rc.request().connection().close());
        ProblemResponses.send(rc, ErrorCode.BODY_READ_TIMEOUT,
                "The request body was not received within " + readTimeoutMillis + " ms",
                response -> response.putHeader(HttpHeaders.CONNECTION, "close"));
    }

    private void problemFor413(RoutingContext rc) {
        if (rc.failure() instanceof io.vertx.core.http.HttpClosedException) {
            return; // the client went away (or a stalled body was cut off): there is no one to answer
        }
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            sendTooLarge(rc);
        } else {
            rc.next();
        }
    }

    private void sendTooLarge(RoutingContext rc) {
        // The unread body is not consumed: close the connection after answering.
        ProblemResponses.send(rc, ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBodySize + " bytes",
                response -> response.putHeader(HttpHeaders.CONNECTION, "close"));
    }
}
