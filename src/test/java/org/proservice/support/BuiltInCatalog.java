package org.proservice.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.proservice.instrument.CatalogLoader;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.scoring.ChangeRules;
import org.proservice.scoring.Scorer;
import org.proservice.scoring.ScorerRegistry;

/** The class-path catalog loaded as the service loads it, without Quarkus: for plain unit tests. */
public final class BuiltInCatalog {

    private static List<CatalogLoader.Entry> entries;
    private static ScorerRegistry scorers;

    private BuiltInCatalog() {
    }

    public static synchronized List<CatalogLoader.Entry> entries() {
        if (entries == null) {
            entries = new CatalogLoader(new ObjectMapper()).load(Optional.empty());
        }
        return entries;
    }

    public static synchronized ScorerRegistry scorers() {
        if (scorers == null) {
            scorers = new ScorerRegistry(entries().stream().map(CatalogLoader.Entry::scorer).toList());
        }
        return scorers;
    }

    public static Scorer scorer(String instrumentId) {
        return scorers().find(instrumentId).orElseThrow(() -> new IllegalArgumentException(instrumentId));
    }

    public static ChangeRules changeRules() {
        return new ChangeRules(scorers());
    }

    public static List<String> ids() {
        return scorers().ids();
    }

    public static InstrumentDefinition definition(String instrumentId) {
        return entries().stream().map(CatalogLoader.Entry::definition).filter(d -> d.id().equals(instrumentId))
                .findFirst().orElseThrow();
    }
}
