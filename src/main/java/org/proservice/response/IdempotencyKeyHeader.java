package org.proservice.response;

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
}
