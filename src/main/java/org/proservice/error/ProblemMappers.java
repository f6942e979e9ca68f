package org.proservice.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every exception the server can raise to one RFC 9457 body. 5xx bodies carry a generic detail; the stack
 * trace goes to the log only. No mapper echoes a submitted value.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response domain(ProblemException e, RoutingContext rc) {
        Response r = ProblemResponses.response(e.errorCode(), e.getMessage(), rc, e.errors());
        return e instanceof RetryAfter later
                ? Response.fromResponse(r).header("Retry-After", Long.toString(later.retryAfterSeconds())).build()
                : r;
    }

    @ServerExceptionMapper
    public Response malformedParameter(ParameterConverters.MalformedParameterException e, RoutingContext rc) {
        return domain(e.problem(), rc);
    }

    @ServerExceptionMapper
    public Response routeNotFound(NotFoundException e, RoutingContext rc) {
        return ProblemResponses.response(ErrorCode.ROUTE_NOT_FOUND, "No endpoint matches this path", rc, List.of());
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, RoutingContext rc) {
        Response r = ProblemResponses.response(ErrorCode.METHOD_NOT_ALLOWED,
                "This endpoint does not accept " + rc.request().method().name(), rc, List.of());
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? r : Response.fromResponse(r).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, RoutingContext rc) {
        return ProblemResponses.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as application/json", rc, List.of());
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, RoutingContext rc) {
        return ProblemResponses.response(ErrorCode.NOT_ACCEPTABLE,
                "This endpoint cannot produce the media type named in Accept", rc, List.of());
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException e, RoutingContext rc) {
        Response r = ProblemResponses.response(ErrorCode.UNAUTHENTICATED,
                "A valid bearer token is required", rc, List.of());
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext rc) {
        return ProblemResponses.response(ErrorCode.FORBIDDEN,
                "Your role does not allow this operation", rc, List.of());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, RoutingContext rc) {
        if (e instanceof JsonMappingException jme && !(e instanceof com.fasterxml.jackson.core.JsonParseException)) {
            String field = fieldPath(jme);
            String message = e instanceof UnrecognizedPropertyException ? "unknown field"
                    : e instanceof InvalidFormatException ? "has the wrong type or format"
                    : e instanceof MismatchedInputException ? "has the wrong type" : "cannot be read";
            String code = e instanceof UnrecognizedPropertyException ? "unknown_field" : "wrong_type";
            return ProblemResponses.response(ErrorCode.MALFORMED_REQUEST, "The request body does not fit the schema",
                    rc, List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, code, message)));
        }
        return ProblemResponses.response(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON", rc,
                List.of());
    }

    /**
     * Quarkus REST ships its own mapper for this subtype (plain JSON body, more specific than
     * {@link #malformedJson}); this one keeps mismatched input (for example an array where an object belongs) in the
     * problem shape.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, RoutingContext rc) {
        return malformedJson(e, rc);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, RoutingContext rc) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(propertyPath(v), "invalid", v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return ProblemResponses.response(ErrorCode.INVALID_REQUEST,
                errors.size() + " field(s) are invalid", rc, errors);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext rc) {
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.errorf(e, "Unhandled web exception on %s", rc.request().path());
            return ProblemResponses.response(code, "The server could not complete the request", rc, List.of());
        }
        return ProblemResponses.response(code, code.title(), rc, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable while serving %s %s: %s", rc.request().method().name(),
                    rc.request().path(), e.getClass().getName());
            Response r = ProblemResponses.response(ErrorCode.SERVICE_UNAVAILABLE,
                    "The database is unavailable; retry later", rc, List.of());
            return Response.fromResponse(r).header("Retry-After", "5").build();
        }
        LOG.errorf(e, "Unhandled error on %s %s", rc.request().method().name(), rc.request().path());
        return ProblemResponses.response(ErrorCode.INTERNAL_ERROR,
                "The server could not complete the request; it has been logged", rc, List.of());
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String propertyPath(ConstraintViolation<?> v) {
        // Strip the method and parameter prefix ("create.body.") that method validation adds.
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
