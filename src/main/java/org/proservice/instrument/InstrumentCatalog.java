package org.proservice.instrument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.proservice.scoring.BpiSfScorer;
import org.proservice.scoring.ItemSchema;
import org.proservice.scoring.Scorer;
import org.proservice.scoring.ScorerRegistry;

/**
 * The instrument catalog: versioned definitions loaded once from {@code instruments/*.json} on the class path,
 * checked against the scorers (same items, same codes, same bands, same versions) so that what the catalog offers
 * is exactly what scoring accepts. A mismatch stops the service at startup.
 */
@Startup
@ApplicationScoped
public class InstrumentCatalog {

    private static final Logger LOG = Logger.getLogger(InstrumentCatalog.class);

    /** Current version of each instrument, in catalog order. */
    static final List<String> RESOURCES = List.of(
            "instruments/phq9-1.0.json",
            "instruments/gad7-1.0.json",
            "instruments/pcl5-1.0.json",
            "instruments/bpi-sf-1.0.json");

    private final Map<String, Tagged<InstrumentDefinition>> definitions = new LinkedHashMap<>();
    private final Tagged<List<InstrumentSummary>> summaries;

    InstrumentCatalog(ObjectMapper mapper, ScorerRegistry scorers,
            @ConfigProperty(name = "pro.instruments.bpi-sf.licensed-content") Optional<String> bpiLicensedContent) {
        for (String resource : RESOURCES) {
            InstrumentDefinition d = read(mapper, resource);
            String id = d.id();
            Scorer scorer = scorers.find(id)
                    .orElseThrow(() -> new IllegalStateException("No scorer for catalog instrument " + id));
            checkAgainstScorer(d, scorer);
            if (BpiSfScorer.INSTRUMENT_ID.equals(d.id()) && bpiLicensedContent.isPresent()
                    && !bpiLicensedContent.get().isBlank()) {
                d = BpiLicensedContent.load(mapper, bpiLicensedContent.get()).applyTo(d);
                LOG.infof("BPI-SF: serving licensed wording from %s", bpiLicensedContent.get());
            }
            definitions.put(d.id(), tag(mapper, d));
        }
        List<InstrumentSummary> list = definitions.values().stream().map(t -> InstrumentSummary.of(t.body()))
                .toList();
        summaries = tag(mapper, list);
    }

    public Tagged<List<InstrumentSummary>> summaries() {
        return summaries;
    }

    public Optional<Tagged<InstrumentDefinition>> find(String id) {
        return Optional.ofNullable(id == null ? null : definitions.get(id));
    }

    public Collection<InstrumentDefinition> all() {
        return definitions.values().stream().map(Tagged::body).toList();
    }

    private static InstrumentDefinition read(ObjectMapper mapper, String resource) {
        try (InputStream in = InstrumentCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Catalog resource " + resource + " is missing");
            }
            return mapper.readValue(in, InstrumentDefinition.class);
        } catch (IOException e) {
            throw new IllegalStateException("Catalog resource " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static <T> Tagged<T> tag(ObjectMapper mapper, T body) {
        try {
            return Tagged.of(body, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Catalog entry cannot be serialized", e);
        }
    }

    /** Fails when the catalog entry and the scorer disagree on anything scoring depends on. */
    static void checkAgainstScorer(InstrumentDefinition d, Scorer scorer) {
        List<String> problems = new ArrayList<>();
        if (!d.version().equals(scorer.instrumentVersion())) {
            problems.add("version " + d.version() + " vs scorer " + scorer.instrumentVersion());
        }
        if (!d.scoring().scoringVersion().equals(scorer.scoringVersion())) {
            problems.add("scoring version " + d.scoring().scoringVersion() + " vs " + scorer.scoringVersion());
        }
        List<ItemSchema> schema = scorer.schema().items();
        List<String> catalogIds = d.items().stream().map(InstrumentDefinition.Item::id).toList();
        if (!catalogIds.equals(scorer.schema().itemIds())) {
            problems.add("items " + catalogIds + " vs scorer " + scorer.schema().itemIds());
        } else {
            for (int i = 0; i < schema.size(); i++) {
                InstrumentDefinition.Item item = d.items().get(i);
                List<Integer> values = item.options().stream().map(InstrumentDefinition.Option::value).toList();
                if (!values.equals(schema.get(i).allowedValues())) {
                    problems.add(item.id() + " options " + values + " vs " + schema.get(i).allowedValues());
                }
                if (item.scored() != schema.get(i).scored()) {
                    problems.add(item.id() + " scored " + item.scored() + " vs " + schema.get(i).scored());
                }
            }
        }
        List<String> catalogBands = d.scoring().bands().stream()
                .map(b -> b.code() + ":" + b.min() + "-" + b.max()).toList();
        List<String> scorerBands = scorer.bands().stream()
                .map(b -> b.code() + ":" + b.min() + "-" + b.max()).toList();
        if (!catalogBands.equals(scorerBands)) {
            problems.add("bands " + catalogBands + " vs " + scorerBands);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Catalog entry " + d.id() + " disagrees with its scorer: " + problems);
        }
    }
}
