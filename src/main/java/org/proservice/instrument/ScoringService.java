package org.proservice.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;
import org.proservice.scoring.AnswerValidation;
import org.proservice.scoring.AnswerValidator;
import org.proservice.scoring.AnswerViolation;
import org.proservice.scoring.Score;
import org.proservice.scoring.Scorer;
import org.proservice.scoring.ScorerRegistry;

/**
 * Validates answers against an instrument and scores them. Stateless and stores nothing; the response-submission
 * feature calls {@link #validate} and {@link #score} on the same rules.
 */
@ApplicationScoped
public class ScoringService {

    private final ScorerRegistry scorers;

    ScoringService(ScorerRegistry scorers) {
        this.scorers = scorers;
    }

    /** The scorer of an instrument, or a 404 problem ({@link ErrorCode#UNKNOWN_INSTRUMENT}). */
    public Scorer scorer(String instrumentId) {
        return scorers.find(instrumentId).orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_INSTRUMENT,
                "There is no instrument with this id"));
    }

    /**
     * Checks answers as submitted (plain JSON values: numbers, strings, booleans, maps, lists, null) and returns
     * one integer or null per item of the instrument, in form order.
     *
     * @throws ProblemException {@link ErrorCode#UNKNOWN_INSTRUMENT} (404) or {@link ErrorCode#INVALID_ANSWERS}
     *                          (422) listing every offending item as {@code answers.<itemId>}, without the values
     */
    public Map<String, Integer> validate(String instrumentId, Map<String, ?> answers) {
        AnswerValidation validation = AnswerValidator.validate(scorer(instrumentId).schema(), answers);
        if (!validation.valid()) {
            throw invalidAnswers(validation.violations());
        }
        return validation.answers();
    }

    /** {@link #validate(String, Map)} for answers held as a Jackson object node. */
    public Map<String, Integer> validate(String instrumentId, JsonNode answers) {
        return validate(instrumentId, AnswerValues.fromJson(answers));
    }

    /** Validates and scores; nothing is scored when any answer is invalid. */
    public Score score(String instrumentId, Map<String, ?> answers) {
        Map<String, Integer> valid = validate(instrumentId, answers);
        return scorer(instrumentId).score(valid);
    }

    /** {@link #score(String, Map)} for answers held as a Jackson object node. */
    public Score score(String instrumentId, JsonNode answers) {
        return score(instrumentId, AnswerValues.fromJson(answers));
    }

    static ProblemException invalidAnswers(List<AnswerViolation> violations) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError("answers." + v.itemId(), v.code(), v.message()))
                .toList();
        String detail = errors.size() == 1 ? "1 answer does not fit the instrument"
                : errors.size() + " answers do not fit the instrument";
        return new ProblemException(ErrorCode.INVALID_ANSWERS, detail, errors);
    }
}
