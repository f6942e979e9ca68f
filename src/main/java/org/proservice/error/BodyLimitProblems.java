package org.proservice.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Too-large request bodies get a problem+json 413, not Vert.x's empty one.
 * <p>
 * Quarkus enforces {@code quarkus.http.limits.max-body-size} in a router handler of order -2 that ends the
 * request with an empty 413 when {@code Content-Length} is too large, before JAX-RS sees it. This handler runs just
 * before it (order -3) and answers the same case with a problem body. A chunked body (no length declared) would be
 * cut off by the JAX-RS input stream with an empty 413 as well; such bodies are therefore read here by a Vert.x
 * {@link BodyHandler} bounded by the same limit (JAX-RS then reads the buffered body), whose 413 failure the
 * failure handler below turns into the problem.
 */
@ApplicationScoped
public class BodyLimitProblems {

    private final long maxBodySize;

    BodyLimitProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodySize);
        router.route().order(-3).handler(rc -> {
            if (isChunked(rc)) {
                chunkedBodies.handle(rc); // reads the body up to the limit, or fails the request with 413
            } else {
                rejectDeclaredTooLarge(rc);
            }
        });
        router.route().order(-3).failureHandler(this::problemFor413);
    }

    /** A body of undeclared length: HTTP/1.1 chunked, or an HTTP/2 request body without content-length. */
    private static boolean isChunked(RoutingContext rc) {
        if (rc.request().getHeader(HttpHeaders.CONTENT_LENGTH) != null) {
            return false;
        }
        if (rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        HttpMethod method = rc.request().method();
        return rc.request().version() == HttpVersion.HTTP_2
                && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH);
    }

    private void rejectDeclaredTooLarge(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodySize) {
                    send(rc);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // Vert.x itself rejects a malformed Content-Length.
            }
        }
        rc.next();
    }

    private void problemFor413(RoutingContext rc) {
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            send(rc);
        } else {
            rc.next();
        }
    }

    private void send(RoutingContext rc) {
        // The unread body is not consumed: close the connection after answering.
        ProblemResponses.send(rc, ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBodySize + " bytes",
                response -> response.putHeader(HttpHeaders.CONNECTION, "close"));
    }
}
