package org.proservice.instrument;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.proservice.instrument.InvalidDefinitionException.Problem;
import org.proservice.scoring.AnswerSchema;
import org.proservice.scoring.Band;
import org.proservice.scoring.DataScorer;
import org.proservice.scoring.ItemSchema;
import org.proservice.scoring.Scorer;

/**
 * Reads every instrument definition: the files listed in {@value #INDEX} on the class path, then every
 * {@code *.json} file of the optional directory ({@code PRO_INSTRUMENTS_DIR}) in file-name order, then the language
 * packs of that directory ({@code *.lang.json}, see {@link LanguagePack}). Each definition is checked against
 * {@link DefinitionSchema}, then by {@link DefinitionChecks}; the first wrong file stops loading with an
 * {@link InvalidDefinitionException}, so nothing half-loads. Pure: no CDI, usable from plain unit tests.
 *
 * <p>The service itself ({@link InstrumentCatalog}) skips the JSON Schema pass for the class-path definitions: they
 * are part of the build, and {@code InstrumentCatalogDataTest} checks each of them against the schema (with this
 * loader's default constructor), so at start-up the pass could only repeat that test while loading the schema
 * validator (see {@link DefinitionSchema}). They still get the strict parse and {@link DefinitionChecks}; files of
 * {@code PRO_INSTRUMENTS_DIR} always get all three.
 */
public final class CatalogLoader {

    public static final String INDEX = "instruments/index.json";
    private static final String CLASSPATH_DIR = "instruments/";

    /** One loaded definition with the scorer built from it. */
    public record Entry(String source, InstrumentDefinition definition, Scorer scorer) {
    }

    private final ObjectMapper mapper;
    private final DefinitionSchema schema;
    private final boolean schemaForClasspath;

    /** A loader that checks every definition against the JSON Schema, the class-path ones included. */
    public CatalogLoader(ObjectMapper mapper) {
        this(mapper, true);
    }

    /**
     * @param schemaForClasspath whether the class-path definitions go through the JSON Schema too; false for the
     *            service's start-up (see the class comment). Directory files and {@link #parse} always do.
     */
    CatalogLoader(ObjectMapper mapper, boolean schemaForClasspath) {
        this.mapper = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.schema = DefinitionSchema.load();
        this.schemaForClasspath = schemaForClasspath;
    }

    public DefinitionSchema schema() {
        return schema;
    }

    /** The class-path definitions and those of {@code directory}, in catalog order. */
    public List<Entry> load(Optional<Path> directory) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (String file : classpathFiles()) {
            add(byId, parse("classpath:" + CLASSPATH_DIR + file, readResource(CLASSPATH_DIR + file),
                    schemaForClasspath));
        }
        List<Path> packs = new ArrayList<>();
        if (directory.isPresent()) {
            for (Path file : directoryFiles(directory.get())) {
                if (file.getFileName().toString().endsWith(LanguagePack.SUFFIX)) {
                    packs.add(file);
                } else {
                    add(byId, parse(file.toString(), readFile(file), true));
                }
            }
        }
        for (Path file : packs) {
            addPack(byId, file.toString(), readFile(file));
        }
        return List.copyOf(byId.values());
    }

    /** One definition document: schema, then cross-reference checks, then its scorer. */
    public Entry parse(String source, String json) {
        return parse(source, json, true);
    }

    private Entry parse(String source, String json, boolean checkSchema) {
        List<Problem> problems;
        if (checkSchema) {
            try {
                problems = schema.check(json);
            } catch (RuntimeException e) {
                throw new InvalidDefinitionException(source, List.of(new Problem("", "not valid JSON: "
                        + e.getMessage())));
            }
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException(source, problems);
            }
        }
        InstrumentDefinition d;
        try {
            d = mapper.readValue(json, InstrumentDefinition.class);
        } catch (IOException e) {
            throw new InvalidDefinitionException(source, List.of(new Problem("", e.getMessage())));
        }
        problems = DefinitionChecks.check(d);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(source, problems);
        }
        return new Entry(source, d, scorer(d));
    }

    /** Adds a language pack to its instrument, after the same checks as a translation in a definition. */
    void addPack(Map<String, Entry> byId, String source, String json) {
        LanguagePack pack;
        try {
            pack = mapper.readValue(json, LanguagePack.class);
        } catch (IOException e) {
            throw new InvalidDefinitionException(source, List.of(new Problem("", e.getMessage())));
        }
        Entry entry = pack.instrument() == null ? null : byId.get(pack.instrument());
        if (entry == null) {
            throw new InvalidDefinitionException(source, List.of(new Problem("/instrument", "unknown instrument "
                    + pack.instrument())));
        }
        List<Problem> problems = new ArrayList<>();
        if (pack.source() == null || pack.source().isBlank()) {
            problems.add(new Problem("/source", "say where the texts come from and under which licence"));
        }
        if (pack.language() != null && entry.definition().translations().containsKey(pack.language())) {
            problems.add(new Problem("/language", pack.instrument() + " already has texts in " + pack.language()));
        }
        problems.addAll(DefinitionChecks.checkTranslation(entry.definition(), pack.language(), pack.translation(),
                ""));
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(source, problems);
        }
        byId.put(pack.instrument(), new Entry(entry.source(), entry.definition().withTranslations(
                Map.of(pack.language(), pack.translation())), entry.scorer()));
    }

    static Scorer scorer(InstrumentDefinition d) {
        List<ItemSchema> items = d.items().stream().map(i -> new ItemSchema(i.id(),
                i.options().stream().map(InstrumentDefinition.Option::value).sorted().toList(), i.scored())).toList();
        List<Band> bands = d.scoring().bands().stream().map(b -> new Band(b.code(), b.min(), b.max())).toList();
        return new DataScorer(new AnswerSchema(d.id(), d.version(), items), d.scoring().scoringVersion(), bands,
                d.scoring().rules());
    }

    private static void add(Map<String, Entry> byId, Entry e) {
        Entry before = byId.putIfAbsent(e.definition().id(), e);
        if (before != null) {
            throw new InvalidDefinitionException(e.source(), List.of(new Problem("/id", "instrument "
                    + e.definition().id() + " is already defined by " + before.source())));
        }
    }

    private List<String> classpathFiles() {
        JsonNode index;
        try {
            index = mapper.readTree(readResource(INDEX));
        } catch (IOException e) {
            throw new IllegalStateException(INDEX + " cannot be read: " + e.getMessage(), e);
        }
        List<String> files = new ArrayList<>();
        index.path("definitions").forEach(n -> files.add(n.asText()));
        return files;
    }

    private static List<Path> directoryFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("PRO_INSTRUMENTS_DIR " + dir + " is not a readable directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("PRO_INSTRUMENTS_DIR " + dir + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static String readResource(String resource) {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Catalog resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Catalog resource " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Instrument definition " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
