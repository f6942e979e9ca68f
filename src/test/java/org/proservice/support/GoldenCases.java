package org.proservice.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public golden cases (copied from shared/instruments/golden-vectors.json) and the project's additional cases
 * in the same format, read from src/test/resources/instruments.
 */
public final class GoldenCases {

    public static final String GOLDEN = "instruments/golden-vectors.json";
    public static final String EXTRA = "instruments/extra-cases.json";
    public static final String ADDED = "instruments/added-instrument-cases.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenCases() {
    }

    /** One scoring case. */
    public record Case(String id, String instrumentId, String description, Map<String, Object> answers,
            JsonNode expected) {

        public boolean expectsError() {
            return expected.has("error");
        }

        @Override
        public String toString() {
            return id + " (" + description + ")";
        }
    }

    /** One change case. */
    public record ChangeCase(String id, String instrumentId, String measure, Number baseline, Number followUp,
            JsonNode expected) {

        @Override
        public String toString() {
            return id + " " + instrumentId + (measure == null ? "" : " " + measure);
        }
    }

    public static List<Case> golden() {
        return cases(GOLDEN);
    }

    public static List<Case> extra() {
        return cases(EXTRA);
    }

    /** Cases of the instruments added as data only (PHQ-8, PHQ-2, GAD-2, PEG). */
    public static List<Case> added() {
        return cases(ADDED);
    }

    public static List<Case> all() {
        List<Case> all = new ArrayList<>(golden());
        all.addAll(extra());
        return all;
    }

    public static List<ChangeCase> changeCases() {
        List<ChangeCase> out = new ArrayList<>();
        for (JsonNode c : read(GOLDEN).get("change_cases")) {
            out.add(new ChangeCase(c.get("id").asText(), instrumentId(c.get("instrument").asText()),
                    c.hasNonNull("measure") ? c.get("measure").asText() : null,
                    c.get("baseline").numberValue(), c.get("follow_up").numberValue(), c.get("expected")));
        }
        return out;
    }

    /** The catalog id of the instrument with this name ("PHQ-9" -> "phq9", "BPI-SF" -> "bpi-sf"). */
    public static String instrumentId(String name) {
        return BuiltInCatalog.entries().stream().map(e -> e.definition())
                .filter(d -> d.name().equals(name)).map(d -> d.id()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown instrument " + name));
    }

    private static List<Case> cases(String resource) {
        List<Case> out = new ArrayList<>();
        for (JsonNode c : read(resource).get("cases")) {
            Map<String, Object> answers = new LinkedHashMap<>();
            c.get("answers").fields().forEachRemaining(e -> answers.put(e.getKey(),
                    e.getValue().isNull() ? null : MAPPER.convertValue(e.getValue(), Object.class)));
            out.add(new Case(c.get("id").asText(), instrumentId(c.get("instrument").asText()),
                    c.get("description").asText(), answers, c.get("expected")));
        }
        return out;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = GoldenCases.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
