package org.proservice.scoring;

import java.util.Map;

/**
 * A scoring rule that data cannot express, implemented in Java and registered by name in {@link ScoreAlgorithms}.
 * An instrument definition names it ({@code scoring.algorithm.kind}); it runs after the data rules and may refine
 * the draft score.
 */
public interface ScoreAlgorithm {

    /** Checks the parameters against the definition; returns a problem text or null. */
    String check(ScoringRules rules, Map<String, Object> parameters);

    void apply(ScoringRules rules, Map<String, Object> parameters, Map<String, Integer> answers, ScoreDraft draft);
}
