package org.proservice.instrument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.proservice.scoring.ChangeRules;
import org.proservice.scoring.ScorerRegistry;

/**
 * The instrument catalog, the only registry of instruments: versioned definitions loaded once at start-up by
 * {@link CatalogLoader} (class path, then {@code pro.instruments.dir} / {@code PRO_INSTRUMENTS_DIR}). Scorers,
 * change rules, protocol validation, alert rules, summaries and the FHIR Questionnaires all derive from it. A wrong
 * definition stops the service at start-up.
 *
 * <p>A deployment may serve licensed wording for an instrument with {@code pro.instruments.<id>.licensed-content}
 * (see {@link LicensedContent}).
 */
@Startup
@ApplicationScoped
public class InstrumentCatalog {

    private static final Logger LOG = Logger.getLogger(InstrumentCatalog.class);

    private final Map<String, Tagged<InstrumentDefinition>> definitions = new LinkedHashMap<>();
    private final Tagged<List<InstrumentSummary>> summaries;
    private final Tagged<String> schema;
    private final ScorerRegistry scorers;
    private final ChangeRules changeRules;

    InstrumentCatalog(ObjectMapper mapper, Config config,
            @ConfigProperty(name = "pro.instruments.dir") Optional<String> directory) {
        CatalogLoader loader = new CatalogLoader(mapper);
        List<CatalogLoader.Entry> entries = loader.load(directory.filter(s -> !s.isBlank()).map(Path::of));
        for (CatalogLoader.Entry e : entries) {
            InstrumentDefinition d = e.definition();
            Optional<String> licensed = config.getOptionalValue("pro.instruments." + d.id() + ".licensed-content",
                    String.class).filter(s -> !s.isBlank());
            if (licensed.isPresent()) {
                d = LicensedContent.load(mapper, d.id(), licensed.get()).applyTo(d);
                LOG.infof("%s: serving licensed wording from %s", d.id(), licensed.get());
            }
            definitions.put(d.id(), tag(mapper, d));
        }
        LOG.infof("Instrument catalog: %s", String.join(", ", definitions.keySet()));
        summaries = tag(mapper, definitions.values().stream().map(t -> InstrumentSummary.of(t.body())).toList());
        schema = Tagged.of(loader.schema().text(), loader.schema().text().getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        scorers = new ScorerRegistry(entries.stream().map(CatalogLoader.Entry::scorer).toList());
        changeRules = new ChangeRules(scorers);
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

    /** The instrument ids, in catalog order. */
    public List<String> ids() {
        return List.copyOf(definitions.keySet());
    }

    /** The JSON Schema of definition files. */
    public Tagged<String> schema() {
        return schema;
    }

    @Produces
    @Singleton
    ScorerRegistry scorerRegistry() {
        return scorers;
    }

    @Produces
    @Singleton
    ChangeRules changeRules() {
        return changeRules;
    }

    private static <T> Tagged<T> tag(ObjectMapper mapper, T body) {
        try {
            return Tagged.of(body, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Catalog entry cannot be serialized", e);
        }
    }
}
