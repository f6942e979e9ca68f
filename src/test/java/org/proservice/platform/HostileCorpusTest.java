package org.proservice.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * Walks the served OpenAPI document and sends a corpus of hostile values into every body field, path parameter and
 * query parameter of every operation, with the token of a role that may call it. No answer may be a 5xx.
 */
@QuarkusTest
class HostileCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "\"__hostile__\"";
    private static final String TEN_KB = "x".repeat(10 * 1024);

    /** Raw JSON fragments put in place of one value. */
    private static final Map<String, String> BODY_VALUES = new LinkedHashMap<>();
    /** Percent-encoded values put in place of one path or query parameter. */
    private static final Map<String, String> URL_VALUES = new LinkedHashMap<>();

    static {
        BODY_VALUES.put("NUL", "\"a\\u0000b\"");
        BODY_VALUES.put("lone surrogate", "\"a\\ud800b\"");
        BODY_VALUES.put("lone low surrogate", "\"\\udc00\"");
        BODY_VALUES.put("escape", "\"\\u001b[31m\"");
        BODY_VALUES.put("10 kB string", "\"" + TEN_KB + "\"");
        BODY_VALUES.put("deep nesting", "[".repeat(5000) + "]".repeat(5000));
        BODY_VALUES.put("deep objects", "{\"a\":".repeat(1500) + "1" + "}".repeat(1500));
        BODY_VALUES.put("huge number", "1e400");
        BODY_VALUES.put("huge negative", "-1e400");
        BODY_VALUES.put("huge integer", "123456789012345678901234567890123456789");
        BODY_VALUES.put("long number", "1" + "0".repeat(2000));
        BODY_VALUES.put("NaN", "NaN");
        BODY_VALUES.put("Infinity", "Infinity");
        BODY_VALUES.put("negative", "-2147483649");
        BODY_VALUES.put("object", "{}");
        BODY_VALUES.put("array", "[]");
        BODY_VALUES.put("boolean", "true");
        BODY_VALUES.put("null", "null");
        BODY_VALUES.put("number", "1.5");
        BODY_VALUES.put("string", "\"text\"");
        BODY_VALUES.put("empty", "\"\"");
        URL_VALUES.put("NUL", "a%00b");
        URL_VALUES.put("lone surrogate", "a%ED%A0%80b");
        URL_VALUES.put("10 kB string", TEN_KB);
        URL_VALUES.put("huge number", "1e400");
        URL_VALUES.put("huge integer", "123456789012345678901234567890123456789");
        URL_VALUES.put("NaN", "NaN");
        URL_VALUES.put("negative", "-1");
        URL_VALUES.put("empty", "");
        URL_VALUES.put("json", "%7B%22a%22%3A1%7D");
        URL_VALUES.put("dots", "..%2F..%2Fetc");
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    Fixtures fixtures;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final List<String> failures = new ArrayList<>();
    JsonNode document;
    Map<String, String> ids;
    Map<String, String> tokens;
    int sent;

    @BeforeEach
    void setUp() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String clinician = "corpus-clinician-" + suffix;
        String patientSubject = "corpus-patient-" + suffix;
        UUID study = fixtures.study("corpus " + suffix, clinician);
        UUID patient = fixtures.enrolledPatient(study, patientSubject, "C-" + suffix);
        ids = new LinkedHashMap<>();
        ids.put("studies", study.toString());
        ids.put("studyId", study.toString());
        ids.put("pid", patient.toString());
        ids.put("enrollmentId", fixtures.enrollmentOf(patient).toString());
        ids.put("instruments", "phq9");
        ids.put("instrumentId", "phq9");
        ids.put("timepointKey", "baseline");
        ids.put("version", "1");
        ids.put("subject", clinician);
        tokens = new LinkedHashMap<>();
        tokens.put("clinician", TestTokens.clinician(clinician));
        tokens.put("patient", TestTokens.patient(patientSubject));
        tokens.put("admin", TestTokens.admin("corpus-admin-" + suffix));
        document = JSON.readTree(send("GET", "/q/openapi?format=json", null, null, null).body());
    }

    @Test
    void noHostileValueInAnyFieldOfAnyOperationIsAServerError() throws Exception {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        int operations = 0;
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> op = methods.next();
                if (op.getValue().isObject() && op.getValue().has("responses")) {
                    attack(path.getKey(), op.getKey().toUpperCase(), op.getValue(), path.getValue());
                    operations++;
                }
            }
        }
        assertTrue(operations >= 30, "the served document lists the operations (" + operations + ")");
        assertTrue(sent > 1000, "the corpus was sent (" + sent + " requests)");
        assertTrue(failures.isEmpty(), failures.size() + " 5xx answers:\n" + String.join("\n", failures));
    }

    private void attack(String template, String method, JsonNode op, JsonNode pathItem) throws Exception {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        op.path("parameters").forEach(parameters::add);
        JsonNode bodySchema = null;
        String contentType = null;
        Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            contentType = first.getKey();
            bodySchema = resolve(first.getValue().path("schema"));
        }
        JsonNode baseline = bodySchema == null ? null : example(bodySchema, 0);
        String token = roleThatMayCall(method, template, parameters, baseline, contentType);

        for (JsonNode parameter : parameters) {
            parameter = resolve(parameter);
            String in = parameter.path("in").asText();
            if (!in.equals("path") && !in.equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (Map.Entry<String, String> value : URL_VALUES.entrySet()) {
                String uri = in.equals("path") ? uri(template, parameters, name, value.getValue(), null, null)
                        : uri(template, parameters, null, null, name, value.getValue());
                check(method, uri, token, contentType, baseline == null ? null : JSON.writeValueAsString(baseline),
                        in + " " + name + " = " + value.getKey());
            }
        }
        if (baseline == null) {
            check(method, uri(template, parameters, null, null, null, null), token, null, null, "no body");
            return;
        }
        String uri = uri(template, parameters, null, null, null, null);
        for (String fieldPath : fieldPaths(baseline, "")) {
            for (Map.Entry<String, String> value : BODY_VALUES.entrySet()) {
                JsonNode copy = baseline.deepCopy();
                put(copy, fieldPath, JsonNodeFactory.instance.textNode("__hostile__"));
                String body = JSON.writeValueAsString(copy).replace(MARK, value.getValue());
                check(method, uri, token, contentType, body, "body " + fieldPath + " = " + value.getKey());
            }
        }
        for (Map.Entry<String, String> value : BODY_VALUES.entrySet()) {
            check(method, uri, token, contentType, value.getValue(), "whole body = " + value.getKey());
        }
        String text = JSON.writeValueAsString(baseline);
        if (baseline.isObject() && baseline.size() > 0) {
            String firstKey = baseline.fieldNames().next();
            String duplicate = "{" + JSON.writeValueAsString(firstKey) + ":" + JSON.writeValueAsString(
                    baseline.get(firstKey)) + "," + text.substring(1);
            check(method, uri, token, contentType, duplicate, "duplicate key " + firstKey);
        }
        check(method, uri, token, contentType, text.substring(0, text.length() / 2), "truncated body");
    }

    /** The first role that is not refused (401/403) for the untouched request; admin when every role is refused. */
    private String roleThatMayCall(String method, String template, List<JsonNode> parameters, JsonNode baseline,
            String contentType) throws Exception {
        String uri = uri(template, parameters, null, null, null, null);
        String body = baseline == null ? null : JSON.writeValueAsString(baseline);
        for (String token : tokens.values()) {
            int status = send(method, uri, token, contentType, body).statusCode();
            sent++;
            if (status >= 500) {
                failures.add(method + " " + template + " (valid request) -> " + status);
            }
            if (status != 401 && status != 403) {
                return token;
            }
        }
        return tokens.get("admin");
    }

    private void check(String method, String uri, String token, String contentType, String body, String what)
            throws Exception {
        HttpResponse<String> response = send(method, uri, token, contentType, body);
        sent++;
        if (response.statusCode() >= 500) {
            failures.add(method + " " + uri.substring(0, Math.min(uri.length(), 120)) + " " + what + " -> "
                    + response.statusCode() + " " + response.body().substring(0, Math.min(200,
                            response.body().length())));
        }
    }

    private HttpResponse<String> send(String method, String uri, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri))
                .timeout(Duration.ofSeconds(30))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The operation's URI with known ids for path parameters, one of them or one query parameter replaced. */
    private String uri(String template, List<JsonNode> parameters, String pathName, String pathValue,
            String queryName, String queryValue) {
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (name.equals(pathName)) {
                    path.append(pathValue);
                } else {
                    String known = ids.get(name);
                    if (known == null && name.equals("id")) {
                        known = ids.get(previous);
                    }
                    path.append(known != null ? known : UUID.randomUUID());
                }
            } else {
                path.append(segment);
            }
            previous = segment;
        }
        if (queryName != null) {
            path.append('?').append(queryName).append('=').append(queryValue);
        }
        return path.toString();
    }

    private JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node.has("$ref") && guard++ < 10) {
            String ref = node.get("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    /** A plausible value for a schema: the shape the endpoint expects, so that hostile values reach deep. */
    private JsonNode example(JsonNode schema, int depth) {
        schema = resolve(schema);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (schema.has("allOf")) {
            return example(schema.get("allOf").get(0), depth);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return example((schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf")).get(0), depth);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = f.objectNode();
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(
                            p -> object.set(p.getKey(), example(p.getValue(), depth + 1)));
                }
                return object;
            }
            case "array": {
                ArrayNode array = f.arrayNode();
                if (depth < 4) {
                    array.add(example(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer":
                return f.numberNode(1);
            case "number":
                return f.numberNode(1.0);
            case "boolean":
                return f.booleanNode(true);
            default:
                return f.textNode(sampleText(schema.path("format").asText()));
        }
    }

    private String sampleText(String format) {
        return switch (format) {
            case "uuid" -> ids.get("pid");
            case "date-time" -> java.time.Instant.now().toString();
            case "date" -> java.time.LocalDate.now().toString();
            case "uri", "url" -> "https://receiver.example/hook";
            default -> "x";
        };
    }

    private static List<String> fieldPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                paths.addAll(fieldPaths(node.get(name), path));
            });
        } else if (node.isArray() && node.size() > 0) {
            String path = prefix + "[0]";
            paths.add(path);
            paths.addAll(fieldPaths(node.get(0), path));
        }
        return paths;
    }

    private static void put(JsonNode root, String path, JsonNode value) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            steps.add(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                steps.add("[0]");
            }
        }
        JsonNode parent = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = steps.get(i).equals("[0]") ? parent.get(0) : parent.get(steps.get(i));
        }
        String last = steps.get(steps.size() - 1);
        if (last.equals("[0]")) {
            ((ArrayNode) parent).set(0, value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }
}
