package org.proservice.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.proservice.support.LogCapture;
import org.proservice.support.TestTokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bodies above quarkus.http.limits.max-body-size (256K) get 413 problem+json, with or without Content-Length. */
@QuarkusTest
class PayloadTooLargeTest {

    static final String MARKER = "answer-value-that-must-not-be-logged";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static String hugeStudy() {
        StringBuilder b = new StringBuilder("{\"name\": \"big\", \"description\": \"");
        while (b.length() < 300 * 1024) {
            b.append(MARKER);
        }
        return b.append("\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}").toString();
    }

    @Test
    void aBodyWithATooLargeContentLengthIsAProblem() {
        try (LogCapture log = LogCapture.install()) {
            given().header("Authorization", TestTokens.bearer(TestTokens.admin("big-admin")))
                    .contentType(ContentType.JSON).body(hugeStudy())
                    .when().post("/api/v1/studies")
                    .then().statusCode(413).contentType("application/problem+json")
                    .body("code", equalTo("PRO-1010")).body("status", equalTo(413));
            log.assertNoneContains(MARKER);
            log.assertNoStackTraces();
        }
    }

    @Test
    void aTooLargeBodyIsRefusedBeforeAuthentication() {
        given().contentType(ContentType.JSON).body(hugeStudy())
                .when().post("/api/v1/studies")
                .then().statusCode(413).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aChunkedBodyThatGrowsTooLargeIsAProblem() throws Exception {
        bodyOfUnknownLengthIsAProblem(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void anHttp2UpgradeBodyOfUnknownLengthThatGrowsTooLargeIsAProblem() throws Exception {
        bodyOfUnknownLengthIsAProblem(HttpClient.Version.HTTP_2);
    }

    void bodyOfUnknownLengthIsAProblem(HttpClient.Version version) throws Exception {
        byte[] body = hugeStudy().getBytes(StandardCharsets.UTF_8);
        try (LogCapture log = LogCapture.install()) {
            HttpRequest request = HttpRequest.newBuilder().version(version).uri(URI.create("http://localhost:" + port + "/api/v1/studies"))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin("big-admin")))
                    .header("Content-Type", "application/json")
                    // An input-stream publisher of unknown length makes the client send chunks.
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    response.headers().toString());
            assertTrue(response.body().contains("\"PRO-1010\""), response.body());
            log.assertNoneContains(MARKER);
            log.assertNoStackTraces();
        }
    }
}
