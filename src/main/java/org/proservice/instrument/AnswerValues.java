package org.proservice.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON answers object held as a Jackson tree into the plain values {@code AnswerValidator} reads, keeping
 * the JSON type of each value (an integer stays an integer, {@code 2.0} stays a decimal, {@code "2"} a string).
 */
public final class AnswerValues {

    private AnswerValues() {
    }

    /** The object's fields as plain values; {@code null} for a missing or JSON-null node. */
    public static Map<String, Object> fromJson(JsonNode answers) {
        if (answers == null || answers.isNull() || answers.isMissingNode()) {
            return null;
        }
        if (!answers.isObject()) {
            throw new IllegalArgumentException("answers must be a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        answers.fields().forEachRemaining(e -> values.put(e.getKey(), plain(e.getValue())));
        return values;
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(plain(n)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }
}
