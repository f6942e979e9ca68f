package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.proservice.support.Await;
import org.proservice.support.TestTokens;

/** Anonymous clients that open bodies and stall cannot lock authenticated callers out. */
@QuarkusTest
class StalledBodiesTest {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    LoadShedding shedding;

    @Test
    void authenticatedCallsAreAnsweredWhileAHundredAnonymousBodiesStall() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                stalled.add(stalledUpload());
            }
            Await.until("the anonymous budget is taken", () -> shedding.anonymousInFlight() > 0);
            String clinician = TestTokens.bearer(TestTokens.clinician("stall-clinician"));
            for (int i = 0; i < 20; i++) {
                given().header("Authorization", clinician).when().get("/api/v1/whoami").then().statusCode(200);
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void stalledFhirBodiesTakeTheAnonymousBudgetNotTheClinicians() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 120; i++) {
                stalled.add(stalledUpload("/fhir/r4/QuestionnaireResponse", "application/fhir+json"));
            }
            Await.until("the FHIR uploads fill the anonymous budget", () -> shedding.anonymousInFlight() >= 8);
            // The anonymous capability statement shares that budget, so it is shed while the budget is full...
            given().when().get("/fhir/r4/metadata").then().statusCode(503).body(containsString("PRO-1030"));
            // ...while a caller with a valid token is served on the FHIR interface and the REST API alike.
            String clinician = TestTokens.bearer(TestTokens.clinician("stall-fhir-clinician"));
            for (int i = 0; i < 10; i++) {
                given().header("Authorization", clinician).when().get("/fhir/r4/metadata").then().statusCode(200);
                given().header("Authorization", clinician).when().get("/api/v1/whoami").then().statusCode(200);
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        Await.until("closed uploads give the anonymous budget back", () -> shedding.anonymousInFlight() == 0);
        given().when().get("/fhir/r4/metadata").then().statusCode(200);
    }

    @Test
    void aBodyThatStopsArrivingIsClosedWith408Problem() throws Exception {
        try (Socket socket = stalledUpload()) {
            socket.setSoTimeout(30_000);
            String answer = readAll(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("PRO-1028"), answer);
        }
    }

    @Test
    void aForgedTokenCountsAsAnonymous() {
        given().header("Authorization", "Bearer not.a.token").when().get("/api/v1/whoami")
                .then().statusCode(401).body(containsString("PRO-1008"));
    }

    private Socket stalledUpload() throws IOException {
        return stalledUpload("/api/v1/studies", "application/json");
    }

    private Socket stalledUpload(String path, String contentType) throws IOException {
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
