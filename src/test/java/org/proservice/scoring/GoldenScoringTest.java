package org.proservice.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.support.GoldenCases;
import org.proservice.support.GoldenCases.Case;
import org.proservice.support.ScoreExpectations;

/** Every public golden case and every additional case through the pure scorers (no Quarkus). */
class GoldenScoringTest {

    private static final ScorerRegistry SCORERS = org.proservice.support.BuiltInCatalog.scorers();

    static Stream<Case> goldenCases() {
        return GoldenCases.golden().stream();
    }

    static Stream<Case> extraCases() {
        return GoldenCases.extra().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void scorerReproducesGoldenCase(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCases")
    void scorerReproducesAdditionalCase(Case c) {
        check(c);
    }

    @Test
    void goldenFileHoldsEveryPublicCase() {
        assertEquals(50, GoldenCases.golden().size());
        assertEquals(9, GoldenCases.changeCases().size());
    }

    private static void check(Case c) {
        Scorer scorer = SCORERS.find(c.instrumentId()).orElseThrow();
        AnswerValidation validation = AnswerValidator.validate(scorer.schema(), c.answers());
        if (c.expectsError()) {
            assertFalse(validation.valid(), c.id() + " must be rejected");
            String expectedCode = c.expected().get("error").asText();
            assertTrue(validation.violations().stream().allMatch(v -> v.code().equals(expectedCode)),
                    c.id() + ": " + validation.violations());
            InvalidAnswersException refused = assertThrows(InvalidAnswersException.class,
                    () -> scorer.score(integers(c.answers())));
            assertEquals(validation.violations(), refused.violations());
            return;
        }
        assertTrue(validation.valid(), c.id() + ": " + validation.violations());
        Score fromValidated = scorer.score(validation.answers());
        Score fromRaw = scorer.score(integers(c.answers()));
        assertEquals(fromValidated, fromRaw, "validation must not change what is scored");
        assertEquals(c.instrumentId(), fromRaw.instrumentId());
        assertEquals(scorer.scoringVersion(), fromRaw.scoringVersion());
        ScoreExpectations.assertMatches(c.id(), c.expected(), GoldenCases.mapper().valueToTree(fromRaw));
    }

    private static Map<String, Integer> integers(Map<String, Object> answers) {
        Map<String, Integer> out = new LinkedHashMap<>();
        answers.forEach((k, v) -> out.put(k, v == null ? null : ((Number) v).intValue()));
        return out;
    }

    @Test
    void flagsAreSortedAndUnique() {
        Score s = new Score("x", "1", "x-1", false, null, null, null, null, Map.of(), null, null, null, null,
                List.of("prorated", "item9_missing", "prorated"));
        assertEquals(List.of("item9_missing", "prorated"), s.flags());
    }
}
