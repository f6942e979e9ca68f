package org.proservice.error;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Converts path and query parameters of type UUID, Instant, int/Integer and boolean/Boolean so that a malformed
 * value names the parameter. Left to the REST layer, a value that does not convert is a bare 404 (that is what the
 * Jakarta REST specification prescribes for path and query parameters), which reads as "no such endpoint".
 * Instead:
 * <ul>
 * <li>a path id that is not a UUID: 404 {@link ErrorCode#NOT_FOUND} naming the parameter - nothing can have that
 * id;</li>
 * <li>a query parameter that does not parse: 400 {@link ErrorCode#INVALID_REQUEST} naming the parameter and the
 * expected format.</li>
 * </ul>
 * The submitted value is never echoed.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    /** Thrown by a converter; {@link ProblemMappers} turns it into the problem response. */
    public static final class MalformedParameterException extends WebApplicationException {
        private static final long serialVersionUID = 1L;
        private final transient ProblemException problem;

        MalformedParameterException(ProblemException problem) {
            super(problem.getMessage(), problem.errorCode().status());
            this.problem = problem;
        }

        public ProblemException problem() {
            return problem;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        boolean inPath = false;
        for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
            if (a instanceof PathParam p) {
                name = p.value();
                inPath = true;
            } else if (a instanceof QueryParam q) {
                name = q.value();
            }
        }
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, inPath, "invalid_uuid", "must be a UUID", UUID::fromString,
                    UUID::toString);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, inPath, "invalid_instant",
                    "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z", Instant::parse, Instant::toString);
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, inPath, "invalid_integer", "must be a whole number",
                    Integer::valueOf, String::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, inPath, "invalid_boolean", "must be true or false",
                    ParameterConverters::strictBoolean, String::valueOf);
        }
        return null;
    }

    private static Boolean strictBoolean(String value) {
        if ("true".equalsIgnoreCase(value)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(value)) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static <V> ParamConverter<V> converter(String name, boolean inPath, String code, String message,
            Function<String, V> parse, Function<V, String> print) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new MalformedParameterException(malformed(name, inPath, code, message));
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : print.apply(value);
            }
        };
    }

    static ProblemException malformed(String name, boolean inPath, String code, String message) {
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(name, code, message));
        return inPath
                ? new ProblemException(ErrorCode.NOT_FOUND, "Nothing has this " + name + ": it " + message, errors)
                : ProblemException.invalid("Query parameter " + name + " " + message, errors);
    }
}
