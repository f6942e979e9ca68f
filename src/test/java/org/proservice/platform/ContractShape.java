package org.proservice.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client generated from the contract depends on, per operation ("METHOD path"): its parameters (name, place,
 * required, schema), its request body schemas, and for each status code the headers and the schema of each media
 * type; plus every component schema. Prose (summaries and descriptions of operations, parameters, responses and
 * headers) is left out, so that wording may change while this stays equal.
 */
final class ContractShape {

    private ContractShape() {
    }

    /** Per operation, its shape as text (stable, so that a difference names the operation and what changed). */
    static SortedMap<String, String> operations(JsonNode doc) {
        SortedMap<String, String> ops = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode op = method.getValue();
            StringBuilder shape = new StringBuilder();
            java.util.SortedSet<String> params = new java.util.TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                params.add("param " + p.path("in").asText() + " " + p.path("name").asText()
                        + (p.path("required").asBoolean() ? " required " : " ") + sorted(p.path("schema")) + "\n");
            }
            params.forEach(shape::append);
            op.path("requestBody").path("content").fields().forEachRemaining(media -> shape.append("body ")
                    .append(media.getKey()).append(' ').append(sorted(media.getValue().path("schema"))).append('\n'));
            shape.append("body required ").append(op.path("requestBody").path("required").asBoolean()).append('\n');
            new TreeMap<>(fieldMap(op.path("responses"))).forEach((status, response) -> {
                shape.append(status).append('\n');
                new TreeMap<>(fieldMap(response.path("headers"))).forEach((name, header) -> shape
                        .append("  header ").append(name).append(' ').append(sorted(header.path("schema")))
                        .append('\n'));
                new TreeMap<>(fieldMap(response.path("content"))).forEach((type, media) -> shape
                        .append("  ").append(type).append(' ').append(sorted(media.path("schema"))).append('\n'));
            });
            shape.append("security ").append(sorted(op.path("security")));
            ops.put(method.getKey().toUpperCase() + " " + path.getKey(), shape.toString());
        }));
        return ops;
    }

    /** The component schemas, each as sorted JSON (descriptions included: they are part of the schema). */
    static SortedMap<String, String> schemas(JsonNode doc) {
        SortedMap<String, String> schemas = new TreeMap<>();
        fieldMap(doc.path("components").path("schemas")).forEach((name, s) -> schemas.put(name, sorted(s)));
        return schemas;
    }

    private static Map<String, JsonNode> fieldMap(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    /** JSON text with object keys in order, so that two equal schemas print the same. */
    private static String sorted(JsonNode node) {
        if (node.isObject()) {
            StringBuilder b = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> it = new TreeMap<>(fieldMap(node)).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(e.getKey()).append(':').append(sorted(e.getValue())).append(it.hasNext() ? "," : "");
            }
            return b.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                b.append(i > 0 ? "," : "").append(sorted(node.get(i)));
            }
            return b.append(']').toString();
        }
        return node.isMissingNode() ? "-" : node.toString();
    }
}
