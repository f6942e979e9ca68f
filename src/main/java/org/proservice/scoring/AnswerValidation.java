package org.proservice.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link AnswerValidator#validate}: either every answer fits the instrument (then {@link #answers()}
 * holds one entry per item of the schema, in form order, {@code null} for unanswered) or {@link #violations()}
 * lists every offending item.
 */
public record AnswerValidation(Map<String, Integer> answers, List<AnswerViolation> violations) {

    public AnswerValidation {
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
