package org.proservice.error;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.proservice.platform.RequestIds;

/** Builds the problem+json response for an error code; the only place that shapes error bodies. */
public final class ProblemResponses {

    private ProblemResponses() {
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
