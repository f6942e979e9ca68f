package org.proservice.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.proservice.platform.RequestIds;

/**
 * Too-large request bodies get a problem+json 413, not Vert.x's empty one.
 * <p>
 * Quarkus enforces {@code quarkus.http.limits.max-body-size} in a router handler of order -2 that ends the
 * request with an empty 413 when {@code Content-Length} is too large, before JAX-RS sees it. This handler runs just
 * before it (order -3) and answers the same case with a problem body; bodies without a length (chunked) that grow
 * too large are stopped while reading and reach the mappers as a 413 {@code WebApplicationException}, and any
 * other 413 failure of the router is turned into the same problem by the failure handler below.
 */
@ApplicationScoped
public class BodyLimitProblems {

    private final long maxBodySize;
    private final ObjectMapper json = new ObjectMapper();

    BodyLimitProblems(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::rejectDeclaredTooLarge);
        router.route().order(-3).failureHandler(this::problemFor413);
    }

    private void rejectDeclaredTooLarge(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodySize) {
                    send(rc, true);
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
            send(rc, true);
        } else {
            rc.next();
        }
    }

    private void send(RoutingContext rc, boolean close) {
        Problem problem = ProblemResponses.problem(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than " + maxBodySize + " bytes", rc.request().path(),
                RequestIds.of(rc), List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":413,\"code\":\"" + ErrorCode.PAYLOAD_TOO_LARGE.code() + "\"}";
        }
        var response = rc.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            // The unread body is not consumed: close the connection after answering.
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
