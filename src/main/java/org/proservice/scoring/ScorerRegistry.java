package org.proservice.scoring;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks scorers up by instrument id. Built by the instrument catalog from the instrument definitions (one
 * {@link DataScorer} per definition); nothing here names an instrument.
 */
public class ScorerRegistry {

    private final Map<String, Scorer> scorers = new LinkedHashMap<>();

    public ScorerRegistry(Collection<? extends Scorer> all) {
        for (Scorer s : all) {
            if (scorers.put(s.instrumentId(), s) != null) {
                throw new IllegalArgumentException("two scorers for " + s.instrumentId());
            }
        }
    }

    public Optional<Scorer> find(String instrumentId) {
        return Optional.ofNullable(instrumentId == null ? null : scorers.get(instrumentId));
    }

    /** All scorers, in catalog order. */
    public Collection<Scorer> all() {
        return List.copyOf(scorers.values());
    }

    /** The instrument ids, in catalog order. */
    public List<String> ids() {
        return List.copyOf(scorers.keySet());
    }
}
