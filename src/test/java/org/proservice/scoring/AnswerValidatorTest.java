package org.proservice.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerValidatorTest {

    private static final AnswerSchema PHQ9 = new Phq9Scorer().schema();
    private static final AnswerSchema BPI = new BpiSfScorer().schema();

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(PHQ9, "phq9_q1", 4, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q1", -1, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_difficulty", 4, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q2", 3_000_000_000L, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q2", new BigInteger("123456789012345678901234567890"),
                        AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(BPI, "bpi_q5_average", 11, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(BPI, "bpi_q8_relief_pct", 35, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(BPI, "bpi_q8_relief_pct", 110, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(BPI, "bpi_q1_pain_today", 0, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(BPI, "bpi_q1_pain_today", 3, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q3", 2.5, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q3", 2.0, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q3", new BigDecimal("1.0"), AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q3", 1.5f, AnswerViolation.VALUE_OUT_OF_RANGE),
                Arguments.of(PHQ9, "phq9_q4", "2", AnswerViolation.WRONG_TYPE),
                Arguments.of(PHQ9, "phq9_q4", "", AnswerViolation.WRONG_TYPE),
                Arguments.of(PHQ9, "phq9_q4", true, AnswerViolation.WRONG_TYPE),
                Arguments.of(PHQ9, "phq9_q4", Map.of("value", 2), AnswerViolation.WRONG_TYPE),
                Arguments.of(PHQ9, "phq9_q4", List.of(2), AnswerViolation.WRONG_TYPE),
                Arguments.of(PHQ9, "phq9_q10", 1, AnswerViolation.UNKNOWN_ITEM),
                Arguments.of(PHQ9, "gad7_q1", 1, AnswerViolation.UNKNOWN_ITEM),
                Arguments.of(PHQ9, "PHQ9_Q1", 1, AnswerViolation.UNKNOWN_ITEM),
                Arguments.of(PHQ9, "phq9_q1 ", 1, AnswerViolation.UNKNOWN_ITEM));
    }

    @ParameterizedTest(name = "{1} = {2} is {3}")
    @MethodSource("invalidValues")
    void shouldRejectInvalidAnswerWithItsKind(AnswerSchema schema, String item, Object value, String code) {
        Map<String, Object> answers = new HashMap<>();
        answers.put(item, value);
        AnswerValidation result = AnswerValidator.validate(schema, answers);
        assertFalse(result.valid());
        assertEquals(1, result.violations().size());
        AnswerViolation v = result.violations().get(0);
        assertEquals(item, v.itemId());
        assertEquals(code, v.code());
        assertTrue(result.answers().isEmpty(), "nothing is handed on for scoring");
    }

    @Test
    void shouldNameTheAllowedValuesWithoutEchoingTheSubmittedOne() {
        AnswerViolation phq = AnswerValidator.validate(PHQ9, Map.of("phq9_q1", 987_654)).violations().get(0);
        assertEquals("must be one of 0, 1, 2 or 3, or null when unanswered", phq.message());
        assertFalse(phq.message().contains("987654"));
        AnswerViolation relief = AnswerValidator.validate(BPI, Map.of("bpi_q8_relief_pct", 35)).violations().get(0);
        assertEquals("must be one of 0, 10, 20, ..., 100, or null when unanswered", relief.message());
        assertFalse(relief.message().contains("35"));
        AnswerViolation text = AnswerValidator.validate(PHQ9, Map.of("phq9_q1", "secret-text")).violations().get(0);
        assertFalse(text.message().contains("secret-text"));
    }

    @Test
    void shouldListEveryOffendingItemAtOnceInFormOrder() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("phq9_zzz", 1);
        answers.put("phq9_q9", "1");
        answers.put("phq9_q1", 4);
        answers.put("phq9_q2", 1);
        answers.put("phq9_q5", 1.5);
        answers.put("phq9_difficulty", false);
        answers.put("phq9_aaa", 0);
        AnswerValidation result = AnswerValidator.validate(PHQ9, answers);
        assertEquals(List.of(
                new AnswerViolation("phq9_q1", AnswerViolation.VALUE_OUT_OF_RANGE,
                        "must be one of 0, 1, 2 or 3, or null when unanswered"),
                new AnswerViolation("phq9_q5", AnswerViolation.VALUE_OUT_OF_RANGE,
                        "must be a whole number written without a fraction; must be one of 0, 1, 2 or 3, or null "
                                + "when unanswered"),
                new AnswerViolation("phq9_q9", AnswerViolation.WRONG_TYPE,
                        "must be a JSON integer; must be one of 0, 1, 2 or 3, or null when unanswered"),
                new AnswerViolation("phq9_difficulty", AnswerViolation.WRONG_TYPE,
                        "must be a JSON integer; must be one of 0, 1, 2 or 3, or null when unanswered"),
                new AnswerViolation("phq9_aaa", AnswerViolation.UNKNOWN_ITEM, "is not an item of phq9 1.0"),
                new AnswerViolation("phq9_zzz", AnswerViolation.UNKNOWN_ITEM, "is not an item of phq9 1.0")),
                result.violations());
    }

    @Test
    void nullAndAbsentItemsAreUnansweredNotZero() {
        Map<String, Object> answers = new HashMap<>();
        answers.put("phq9_q1", null);
        answers.put("phq9_q2", 3);
        AnswerValidation result = AnswerValidator.validate(PHQ9, answers);
        assertTrue(result.valid());
        assertEquals(PHQ9.itemIds(), List.copyOf(result.answers().keySet()), "one entry per item, form order");
        assertNull(result.answers().get("phq9_q1"));
        assertNull(result.answers().get("phq9_q9"));
        assertEquals(3, result.answers().get("phq9_q2"));
    }

    @Test
    void noAnswersAtAllIsValidAndUnanswered() {
        assertTrue(AnswerValidator.validate(PHQ9, Map.of()).valid());
        assertTrue(AnswerValidator.validate(PHQ9, null).valid());
    }

    @Test
    void everyAllowedValueOfEveryItemIsAccepted() {
        for (Scorer scorer : org.proservice.support.BuiltInCatalog.scorers().all()) {
            for (ItemSchema item : scorer.schema().items()) {
                for (int value : item.allowedValues()) {
                    AnswerValidation r = AnswerValidator.validate(scorer.schema(), Map.of(item.id(), value));
                    assertTrue(r.valid(), item.id() + "=" + value);
                    assertEquals(value, r.answers().get(item.id()));
                }
            }
        }
    }

    @Test
    void scorerRefusesInvalidAnswersInsteadOfClampingThem() {
        Map<String, Integer> answers = new HashMap<>();
        answers.put("phq9_q1", 4);
        answers.put("phq9_q2", -1);
        InvalidAnswersException e = assertThrows(InvalidAnswersException.class,
                () -> new Phq9Scorer().score(answers));
        assertEquals(List.of("phq9_q1", "phq9_q2"), e.violations().stream().map(AnswerViolation::itemId).toList());
        assertThrows(InvalidAnswersException.class, () -> new BpiSfScorer().score(Map.of("bpi_q8_relief_pct", 35)));
        assertThrows(InvalidAnswersException.class, () -> new Pcl5Scorer().score(Map.of("pcl5_q21", 1)));
        assertThrows(InvalidAnswersException.class, () -> new Gad7Scorer().score(Map.of("gad7_q1", 4)));
    }

    @Test
    void roundHalfUpIsExactOnTies() {
        assertEquals(5, Rounding.prorate(4, 9, 8));
        assertEquals(14, Rounding.prorate(12, 9, 8));
        assertEquals(23, Rounding.prorate(20, 9, 8));
        assertEquals(4, Rounding.prorate(3, 7, 6));
        assertEquals(11, Rounding.prorate(9, 7, 6));
        assertEquals(18, Rounding.prorate(15, 7, 6));
        assertEquals(15, Rounding.prorate(12, 9, 7));
        assertEquals(10, Rounding.prorate(9, 9, 8));
        assertEquals(0, Rounding.roundHalfUp(0, 7));
        assertEquals(1, Rounding.roundHalfUp(1, 2));
        assertEquals(0, Rounding.roundHalfUp(1, 3));
        assertThrows(IllegalArgumentException.class, () -> Rounding.roundHalfUp(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Rounding.roundHalfUp(1, 0));
    }
}
