package org.proservice.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares a score (as its API JSON, camelCase) with a golden {@code expected} object (snake_case): every expected
 * field must be present with the expected value. BPI-SF means are compared after rounding half-up to 2 decimals,
 * {@code prorated_unrounded} after rounding half-up to 4 decimals; everything else exactly.
 */
public final class ScoreExpectations {

    private static final Map<String, String> FIELDS = Map.of(
            "raw_sum", "rawSum",
            "items_answered", "itemsAnswered",
            "provisional_diagnosis", "provisionalDiagnosis",
            "interference_items_answered", "interferenceItemsAnswered",
            "prorated_unrounded", "proratedUnrounded",
            "severity_composite", "severityComposite",
            "relief_pct", "reliefPct");

    private ScoreExpectations() {
    }

    public static String camel(String snake) {
        return FIELDS.getOrDefault(snake, snake);
    }

    public static void assertMatches(String caseId, JsonNode expected, JsonNode actual) {
        assertNotNull(actual.get("instrumentId"), caseId + ": instrumentId");
        assertTrue(actual.get("instrumentVersion").isTextual(), caseId + ": instrumentVersion");
        assertTrue(actual.get("scoringVersion").asText().startsWith(actual.get("instrumentId").asText()),
                caseId + ": scoringVersion names the instrument");
        List<String> problems = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = camel(f.getKey());
            JsonNode want = f.getValue();
            JsonNode got = actual.get(name);
            if (got == null) {
                problems.add(name + " is missing");
            } else if (name.equals("subscales") || name.equals("endorsed")) {
                compareObject(name, want, got, problems);
            } else if (name.equals("proratedUnrounded")) {
                compareRounded(name, want, got, 4, problems);
            } else if (name.equals("flags")) {
                if (!want.equals(got)) {
                    problems.add("flags: expected " + want + " but was " + got);
                }
            } else {
                compareValue(name, want, got, problems);
            }
        }
        if (!problems.isEmpty()) {
            fail(caseId + ": " + String.join("; ", problems) + "\nactual: " + actual);
        }
    }

    private static void compareObject(String name, JsonNode want, JsonNode got, List<String> problems) {
        if (!got.isObject()) {
            problems.add(name + ": expected an object but was " + got);
            return;
        }
        List<String> wantKeys = new ArrayList<>();
        want.fieldNames().forEachRemaining(k -> wantKeys.add(camel(k)));
        List<String> gotKeys = new ArrayList<>();
        got.fieldNames().forEachRemaining(gotKeys::add);
        if (!new java.util.TreeSet<>(wantKeys).equals(new java.util.TreeSet<>(gotKeys))) {
            problems.add(name + ": keys " + gotKeys + " but expected " + wantKeys);
        }
        want.fields().forEachRemaining(e -> {
            String key = camel(e.getKey());
            JsonNode g = got.get(key);
            if (g == null) {
                return;
            }
            if (key.equals("severityComposite") || key.equals("interference")) {
                compareRounded(name + "." + key, e.getValue(), g, 2, problems);
            } else {
                compareValue(name + "." + key, e.getValue(), g, problems);
            }
        });
    }

    private static void compareRounded(String name, JsonNode want, JsonNode got, int scale, List<String> problems) {
        if (want.isNull() || got.isNull()) {
            if (want.isNull() != got.isNull()) {
                problems.add(name + ": expected " + want + " but was " + got);
            }
            return;
        }
        BigDecimal w = want.decimalValue().setScale(scale, RoundingMode.HALF_UP);
        BigDecimal g = BigDecimal.valueOf(got.doubleValue()).setScale(scale, RoundingMode.HALF_UP);
        if (w.compareTo(g) != 0) {
            problems.add(name + ": expected " + w + " but was " + got + " (" + g + ")");
        }
    }

    private static void compareValue(String name, JsonNode want, JsonNode got, List<String> problems) {
        if (want.isNumber() && got.isNumber()) {
            if (want.isIntegralNumber() && !got.isIntegralNumber()) {
                problems.add(name + ": expected integer " + want + " but was " + got);
            } else if (want.decimalValue().compareTo(got.decimalValue()) != 0) {
                problems.add(name + ": expected " + want + " but was " + got);
            }
        } else if (!want.equals(got)) {
            problems.add(name + ": expected " + want + " but was " + got);
        }
    }
}
