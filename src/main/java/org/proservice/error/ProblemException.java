package org.proservice.error;

import java.util.List;

/**
 * A domain failure that maps to one problem response. Services throw it; they never build HTTP responses.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode errorCode;
    private final List<Problem.FieldError> errors;

    public ProblemException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, List.of());
    }

    public ProblemException(ErrorCode errorCode, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.errors = List.copyOf(errors);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** The same answer for "does not exist" and "you may not see it". */
    public static ProblemException notFound(String what) {
        return new ProblemException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(ErrorCode.INVALID_REQUEST, detail, errors);
    }

    public static ProblemException unprocessable(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(ErrorCode.UNPROCESSABLE, detail, errors);
    }
}
