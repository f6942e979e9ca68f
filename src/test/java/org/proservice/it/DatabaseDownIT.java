package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.proservice.support.TestTokens;

/**
 * The packaged application loses its database while running (every connection cut, new ones refused, through
 * {@link TcpProxy}): requests that need the database get 503 problem+json with Retry-After - never a hang or a 500 -
 * readiness goes DOWN, and when the database is back the service answers again without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseDownIT {

    static final ObjectMapper JSON = new ObjectMapper();

    TcpProxy proxy;
    PackagedApplication app;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        URI db = URI.create(PackagedApplication.dbUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(db.getHost(), db.getPort() < 0 ? 5432 : db.getPort()).up();
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + db.getPath()
                + (db.getQuery() == null ? "" : "?" + db.getQuery());
        String schema = PackagedApplication.schema("_dbdown");
        PackagedApplication.dropSchema(schema);
        app = PackagedApplication.start(schema, Map.of("PRO_DB_URL", viaProxy,
                "PRO_DB_ACQUISITION_TIMEOUT", "2S"));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    HttpResponse<String> createStudy() throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri("/api/v1/studies"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", TestTokens.bearer(TestTokens.admin("it-dbdown-admin")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"DB down study\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    int ready() throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri("/q/health/ready")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aLostDatabaseIs503WithRetryAfterAndTheServiceRecoversWhenItIsBack() throws Exception {
        assertEquals(201, createStudy().statusCode(), "the database is reachable through the proxy at first");

        proxy.cut();

        HttpResponse<String> down = createStudy();
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("application/problem+json", down.headers().firstValue("Content-Type").orElse("")
                .split(";")[0].trim());
        assertTrue(down.headers().firstValue("Retry-After").isPresent(), "Retry-After is sent");
        assertEquals("PRO-1011", JSON.readTree(down.body()).path("code").asText(), down.body());
        assertEquals(503, ready(), "readiness reports the database as down");

        proxy.up();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int status = 0;
        while (Instant.now().isBefore(deadline) && (status = createStudy().statusCode()) != 201) {
            Thread.sleep(500);
        }
        assertEquals(201, status, "the service answers again once the database is back, without a restart");
        assertEquals(200, ready());
    }
}
