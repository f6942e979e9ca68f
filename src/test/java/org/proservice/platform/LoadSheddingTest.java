package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.proservice.support.Await;
import org.proservice.support.TestTokens;

@QuarkusTest
class LoadSheddingTest {

    @Inject
    LoadShedding shedding;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void apiRequestBeyondCapacityGets503ProblemWithRetryAfterAndHealthStaysReachable() {
        int taken = 0;
        try {
            while (shedding.tryAcquire()) {
                taken++;
            }
            given().header("Authorization", TestTokens.bearer(TestTokens.clinician("shed-clinician")))
                    .when().get("/api/v1/whoami")
                    .then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", equalTo("1"))
                    .body("code", equalTo("PRO-1018"))
                    .body("requestId", notNullValue());
            given().when().get("/q/health/live").then().statusCode(200);
            // The FHIR interface takes the same slots: it is shed too, not served on threads the API has no slot for.
            given().header("Authorization", TestTokens.bearer(TestTokens.clinician("shed-clinician")))
                    .when().get("/fhir/r4/metadata")
                    .then().statusCode(503)
                    .header("Retry-After", equalTo("1"))
                    .body("code", equalTo("PRO-1018"));
            // Requests without a token have a budget of their own: they neither take nor wait for these slots.
            given().when().get("/api/v1/whoami").then().statusCode(401);
        } finally {
            for (int i = 0; i < taken; i++) {
                shedding.release();
            }
        }
        given().when().get("/api/v1/whoami").then().statusCode(401);
    }

    @Test
    void oneCallerCannotTakeEverySlot() {
        String token = TestTokens.bearer(TestTokens.clinician("greedy-clinician"));
        int before = shedding.inFlight();
        java.util.List<java.net.Socket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 17; i++) {
                held.add(heldUpload(token));
            }
            Await.until("the caller's slots are taken", () -> shedding.inFlight() >= 16);
            given().header("Authorization", token).when().get("/api/v1/whoami")
                    .then().statusCode(429).body("code", equalTo("PRO-1029"));
            given().header("Authorization", TestTokens.bearer(TestTokens.clinician("other-clinician")))
                    .when().get("/api/v1/whoami").then().statusCode(200);
        } finally {
            held.forEach(s -> {
                try {
                    s.close();
                } catch (java.io.IOException ignored) {
                    // closing is best effort
                }
            });
        }
        Await.until("the closed uploads give their slots back", () -> shedding.inFlight() == before);
    }

    private java.net.Socket heldUpload(String authorization) {
        try {
            java.net.Socket socket = new java.net.Socket("localhost", port);
            socket.getOutputStream().write(("POST /api/v1/studies HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + authorization + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyServedRequestGivesItsSlotBack() {
        int before = shedding.inFlight();
        for (int i = 0; i < 20; i++) {
            given().when().get("/api/v1/whoami").then().statusCode(401);
        }
        // The end handler may run just after the client has the response: wait for it rather than race it.
        Await.until("every slot given back", () -> shedding.inFlight() == before);
        assertEquals(before, shedding.inFlight());
    }
}
