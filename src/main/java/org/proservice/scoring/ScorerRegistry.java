package org.proservice.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Looks scorers up by instrument id. The only CDI bean of the scoring package; the scorers themselves are pure. */
@ApplicationScoped
public class ScorerRegistry {

    private final Map<String, Scorer> scorers = new LinkedHashMap<>();

    public ScorerRegistry() {
        for (Scorer s : List.of(new Phq9Scorer(), new Gad7Scorer(), new Pcl5Scorer(), new BpiSfScorer())) {
            scorers.put(s.instrumentId(), s);
        }
    }

    public Optional<Scorer> find(String instrumentId) {
        return Optional.ofNullable(instrumentId == null ? null : scorers.get(instrumentId));
    }

    /** All scorers, in catalog order (phq9, gad7, pcl5, bpi-sf). */
    public Collection<Scorer> all() {
        return List.copyOf(scorers.values());
    }
}
