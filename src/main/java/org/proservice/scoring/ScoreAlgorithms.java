package org.proservice.scoring;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The algorithm kinds a definition may name. Data covers everything else. */
public final class ScoreAlgorithms {

    private static final Map<String, ScoreAlgorithm> KINDS = Map.of(
            Dsm5ProvisionalDiagnosis.KIND, new Dsm5ProvisionalDiagnosis(),
            CompositeScorability.KIND, new CompositeScorability());

    private ScoreAlgorithms() {
    }

    public static Optional<ScoreAlgorithm> find(String kind) {
        return Optional.ofNullable(kind == null ? null : KINDS.get(kind));
    }

    public static Set<String> kinds() {
        return KINDS.keySet();
    }
}
