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
    private final Map<String, Map<String, Tagged<InstrumentDefinition>>> translated = new LinkedHashMap<>();
    private final Tagged<List<InstrumentSummary>> summaries;
    private final Tagged<String> schema;
    private final ScorerRegistry scorers;
    private final ChangeRules changeRules;

    InstrumentCatalog(ObjectMapper mapper, Config config,
            @ConfigProperty(name = "pro.instruments.dir") Optional<String> directory) {
        // Class-path definitions without the JSON Schema pass: tests check them against it (CatalogLoader).
        CatalogLoader loader = new CatalogLoader(mapper, false);
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
            Map<String, Tagged<InstrumentDefinition>> languages = new LinkedHashMap<>();
            languages.put(d.language(), definitions.get(d.id()));
            for (Map.Entry<String, InstrumentDefinition.Translation> t : new java.util.TreeMap<>(d.translations())
                    .entrySet()) {
                languages.put(t.getKey(), tag(mapper, d.in(t.getKey(), t.getValue())));
            }
            translated.put(d.id(), languages);
        }
        LOG.infof("Instrument catalog: %s", String.join(", ", definitions.keySet()));
        summaries = tag(mapper, definitions.values().stream().map(t -> InstrumentSummary.of(t.body(),
                List.copyOf(translated.get(t.body().id()).keySet()))).toList());
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

    /**
     * The definition in the language the {@code Accept-Language} header prefers among those the instrument has
     * (RFC 4647 lookup); its own language when the header is absent, malformed or matches none.
     */
    public Optional<Tagged<InstrumentDefinition>> find(String id, String acceptLanguage) {
        return find(id).map(d -> translated.get(id).get(Languages.pick(acceptLanguage, d.body().language(),
                translated.get(id).keySet())));
    }

    /** Every language version of an instrument, its own language first. */
    public Collection<InstrumentDefinition> allLanguages(String id) {
        return translated.getOrDefault(id, Map.of()).values().stream().map(Tagged::body).toList();
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
