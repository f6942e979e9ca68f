package org.proservice.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.proservice.platform.RequestIds;

/** Builds the problem+json response for an error code; the only place that shapes error bodies. */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemResponses() {
    }

    /**
     * Writes a problem straight to the Vert.x response, for refusals made before JAX-RS sees the request (body too
     * large, load shed). The caller may add headers to the returned response before it is ended here.
     */
    public static void send(RoutingContext rc, ErrorCode code, String detail,
            java.util.function.Consumer<HttpServerResponse> headers) {
        send(rc, code, detail, List.of(), headers);
    }

    /** As {@link #send(RoutingContext, ErrorCode, String, java.util.function.Consumer)}, naming fields. */
    public static void send(RoutingContext rc, ErrorCode code, String detail, List<Problem.FieldError> errors,
            java.util.function.Consumer<HttpServerResponse> headers) {
        Problem problem = problem(code, detail, instance(rc), RequestIds.of(rc), errors);
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + code.status() + ",\"code\":\"" + code.code() + "\"}";
        }
        HttpServerResponse response = rc.response().setStatusCode(code.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE);
        headers.accept(response);
        response.end(body);
    }

    /** The request path as the problem's {@code instance}, or null when it is too long or unsafe to echo. */
    private static String instance(RoutingContext rc) {
        String path = rc.request().path();
        return path == null || path.length() > 512 || !SafeText.isSafe(path) ? null : path;
    }

    public static Problem problem(ErrorCode code, String detail, String instance, String requestId,
            List<Problem.FieldError> errors) {
        return new Problem(code.type(), code.title(), code.status(), detail, instance, code.code(), requestId,
                errors == null ? List.of() : errors);
    }

    public static Response response(ErrorCode code, String detail, RoutingContext rc, List<Problem.FieldError> errors) {
        String instance = rc == null ? null : rc.request().path();
        String requestId = rc == null ? null : RequestIds.of(rc);
        return Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem(code, detail, instance, requestId, errors))
                .build();
    }
}
