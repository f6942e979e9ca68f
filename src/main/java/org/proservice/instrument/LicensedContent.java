package org.proservice.instrument;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Licensed wording a deployment supplies for an instrument whose definition ships neutral labels (setting
 * {@code pro.instruments.<id>.licensed-content}, a file path or {@code classpath:} resource; used for BPI-SF). JSON:
 *
 * <pre>
 * {
 *   "stem": "...",                                      required
 *   "instructions": "...",                              optional
 *   "items": { "<item id>": "...", ... },                 required: a text for every item
 *   "optionLabels": { "<item id>": { "0": "...", "10": "..." } }   optional: replaces labels of those values
 * }
 * </pre>
 */
// A deployment's configuration file, not a request body: other keys (e.g. "_comment") are allowed and ignored,
// although the service's JSON reading is strict (quarkus.jackson.fail-on-unknown-properties=true).
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
record LicensedContent(String instrumentId, String stem, String instructions, Map<String, String> items,
        Map<String, Map<String, String>> optionLabels) {

    static LicensedContent load(ObjectMapper mapper, String instrumentId, String location) {
        try (InputStream in = open(location)) {
            LicensedContent read = mapper.readValue(in, LicensedContent.class);
            LicensedContent content = new LicensedContent(instrumentId, read.stem(), read.instructions(),
                    read.items(), read.optionLabels());
            if (content.stem() == null || content.stem().isBlank() || content.items() == null) {
                throw new IllegalStateException(instrumentId + " licensed content at " + location
                        + " needs a \"stem\" and an \"items\" object");
            }
            return content;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the licensed content configured by pro.instruments."
                    + instrumentId + ".licensed-content (" + location + "): " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such classpath resource");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    /** The definition with this wording applied; every item must have a text, unknown ids are refused. */
    InstrumentDefinition applyTo(InstrumentDefinition neutral) {
        Map<String, String> texts = new LinkedHashMap<>(items);
        Map<String, Map<String, String>> labels = optionLabels == null ? Map.of() : optionLabels;
        List<InstrumentDefinition.Item> licensed = new ArrayList<>();
        for (InstrumentDefinition.Item item : neutral.items()) {
            String text = texts.remove(item.id());
            if (text == null || text.isBlank()) {
                throw new IllegalStateException(instrumentId + " licensed content has no text for item " + item.id());
            }
            Map<String, String> itemLabels = labels.getOrDefault(item.id(), Map.of());
            List<InstrumentDefinition.Option> options = new ArrayList<>();
            for (InstrumentDefinition.Option o : item.options()) {
                String label = itemLabels.get(Integer.toString(o.value()));
                options.add(label == null ? o : new InstrumentDefinition.Option(o.value(), label, o.loinc()));
            }
            licensed.add(item.withText(text, options));
        }
        if (!texts.isEmpty()) {
            throw new IllegalStateException(instrumentId + " licensed content names unknown items " + texts.keySet());
        }
        for (String id : labels.keySet()) {
            if (neutral.items().stream().noneMatch(i -> i.id().equals(id))) {
                throw new IllegalStateException(instrumentId + " licensed option labels name unknown item " + id);
            }
        }
        return neutral.withWording("licensed", stem, instructions, licensed);
    }
}
