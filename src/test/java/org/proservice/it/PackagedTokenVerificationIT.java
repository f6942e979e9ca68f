package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.support.ForgedTokens;
import org.proservice.support.ForgedTokens.Forged;
import org.proservice.support.TestTokens;

/**
 * The forged-token list against the packaged application, configured only by environment variables (PRO_DB_*,
 * PRO_JWT_KEY_LOCATION, PRO_JWT_ISSUER, PRO_JWT_AUDIENCE, QUARKUS_HTTP_PORT), over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedTokenVerificationIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBJECT = "it-patient";

    final List<Forged> forged = ForgedTokens.all(SUBJECT);
    final HttpClient http = HttpClient.newHttpClient();
    PackagedApplication app;

    @BeforeAll
    void start() throws Exception {
        app = PackagedApplication.start();
    }

    @AfterAll
    void stopAndCheckTheLog() throws Exception {
        if (app == null) {
            return;
        }
        app.close();
        List<String> log = app.output();
        assertFalse(log.isEmpty(), "the application wrote its console log");
        for (String line : log) {
            for (Forged f : forged) {
                for (String part : f.token().split("\\.")) {
                    assertFalse(part.length() > 16 && line.contains(part), "a token reached the log: " + line);
                }
            }
            assertFalse(line.startsWith("\tat ") || line.matches("\\s+at [a-zA-Z_$][\\w$.]*\\(.*\\)"),
                    "a stack trace reached the log: " + line);
            assertFalse(line.contains(" ERROR "), "an error was logged: " + line);
        }
    }

    Stream<Forged> forgedTokens() {
        return forged.stream();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertUnauthenticatedProblem(HttpResponse<String> r) throws Exception {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("PRO-1008", body.path("code").asText());
        assertEquals(401, body.path("status").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedOrInvalidTokenIsUnauthenticated(Forged token) throws Exception {
        assertUnauthenticatedProblem(get("/api/v1/whoami", token.token()));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "/dev/tokens", "/dev/tokens/someone",
            "/dev/tokens?role=admin", "/dev/tokens/admin-1?roles=admin" })
    void theProductionJarServesNoDevTokens(String path) throws Exception {
        for (String token : new String[] { null, TestTokens.admin("it-admin") }) {
            HttpResponse<String> r = get(path, token);
            assertEquals(404, r.statusCode(), r.body());
            assertFalse(r.body().contains("eyJ"), "no token-like text in " + r.body());
        }
    }

    @Test
    void noTokenIsUnauthenticated() throws Exception {
        assertUnauthenticatedProblem(get("/api/v1/whoami", null));
    }

    @Test
    @Order(1)
    void aValidTokenIsAccepted() throws Exception {
        HttpResponse<String> r = get("/api/v1/whoami", TestTokens.patient(SUBJECT));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(SUBJECT, JSON.readTree(r.body()).path("subject").asText());
    }

    @Test
    void aValidAdminTokenReachesTheDatabase() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/v1/studies"))
                .header("Authorization", TestTokens.bearer(TestTokens.admin("it-admin")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"IT study\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}"))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").isPresent());
    }
}
