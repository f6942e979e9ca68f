package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP and JSON steps the packaged-application ITs share: a request with a bearer token and an optional JSON
 * body, the "200/201 with a JSON body" checks, and the one-timepoint protocol they configure their studies with.
 */
final class ItHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    ItHttp(HttpClient http) {
        this.http = http;
    }

    /** {@code method uri} with {@code Authorization: Bearer token}; the body, when given, as JSON. */
    HttpResponse<String> send(String method, URI uri, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(PackagedApplication app, String method, String path, String token, Object body)
            throws Exception {
        return send(method, app.uri(path), token, body);
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        return body(200, r);
    }

    static JsonNode created(HttpResponse<String> r) throws Exception {
        return body(201, r);
    }

    private static JsonNode body(int status, HttpResponse<String> r) throws Exception {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A protocol of one timepoint: T0, the PHQ-9 baseline at enrollment, open from that day through 7 days after. */
    static Map<String, Object> baselineProtocol() {
        Map<String, Object> t0 = new LinkedHashMap<>();
        t0.put("key", "T0");
        t0.put("label", "Baseline");
        t0.put("anchor", "enrollment");
        t0.put("offsetDays", 0);
        t0.put("windowDaysBefore", 0);
        t0.put("windowDaysAfter", 7);
        t0.put("instruments", List.of("phq9"));
        t0.put("baseline", true);
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("anchors", List.of());
        protocol.put("timepoints", List.of(t0));
        return protocol;
    }

    /** {@link #baselineProtocol()} that takes late submissions, marked late. */
    static Map<String, Object> baselineProtocolAcceptingLate() {
        Map<String, Object> protocol = baselineProtocol();
        protocol.put("lateSubmissions", "accept_marked_late");
        return protocol;
    }
}
