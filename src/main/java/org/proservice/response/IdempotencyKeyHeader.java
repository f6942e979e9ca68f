package org.proservice.response;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;

/** The {@code Idempotency-Key} request header: required on submissions, 1 to 255 visible ASCII characters. */
public final class IdempotencyKeyHeader {

    public static final String NAME = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private IdempotencyKeyHeader() {
    }

    public static String require(String value) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "Send an Idempotency-Key header (e.g. a "
                    + "UUID made once per questionnaire) so that retries are stored once",
                    List.of(new FieldError(NAME, "required", "1 to 255 visible ASCII characters")));
        }
        if (!VALID.matcher(value).matches()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "The Idempotency-Key header is invalid",
                    List.of(new FieldError(NAME, "invalid", "1 to 255 visible ASCII characters, no spaces")));
        }
        return value;
    }

    /**
     * The answer to a stored (or replayed) submission or amendment: 201, {@code Location}, the stored response, and
     * {@value #REPLAYED} true when it is the result of an earlier request with the same key.
     */
    static Response created(URI location, SubmissionService.Result result) {
        return Response.created(location).header(REPLAYED, result.replayed()).entity(result.response()).build();
    }
}
