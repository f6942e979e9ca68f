package org.proservice.scoring;

import java.util.List;

/** Answers that do not fit an instrument reached a scorer; lists the offending items, never their values. */
public class InvalidAnswersException extends IllegalArgumentException {

    private final transient List<AnswerViolation> violations;

    public InvalidAnswersException(List<AnswerViolation> violations) {
        super(violations.size() + " answer(s) do not fit the instrument: "
                + violations.stream().map(v -> v.itemId() + " " + v.code()).toList());
        this.violations = List.copyOf(violations);
    }

    public List<AnswerViolation> violations() {
        return violations;
    }
}
