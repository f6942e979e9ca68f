package org.proservice.scoring;

import java.util.List;
import java.util.Map;

/**
 * Scores one instrument version. Implementations are pure functions of the answers: no framework, no I/O, no clock.
 */
public interface Scorer {

    /** The items and codes this scorer accepts; the validation rules derive from it. */
    AnswerSchema schema();

    /** The scoring-algorithm version stamped on every score. */
    String scoringVersion();

    /** The bands of the band measure ({@link ScoringRules#bandMeasureOrDefault()}), in ascending order. */
    List<Band> bands();

    /** The scoring rules as data: measures, change rules, flags, alerts. */
    ScoringRules rules();

    default String instrumentId() {
        return schema().instrumentId();
    }

    default String instrumentVersion() {
        return schema().instrumentVersion();
    }

    /**
     * Scores answers. {@code null} or absent items are unanswered. Answers that do not fit {@link #schema()} are
     * refused with an {@link InvalidAnswersException} (never clamped); callers validate with
     * {@link AnswerValidator} first to report every problem to the client.
     */
    Score score(Map<String, Integer> answers);

    /** Validates with {@link AnswerValidator} and returns one value per item (null = unanswered) or throws. */
    default Map<String, Integer> checked(Map<String, Integer> answers) {
        AnswerValidation validation = AnswerValidator.validate(schema(), answers);
        if (!validation.valid()) {
            throw new InvalidAnswersException(validation.violations());
        }
        return validation.answers();
    }
}
