package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void apiRequestBeyondCapacityWaitsThenGets503ProblemWithRetryAfterAndHealthStaysReachable() {
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
            int share = shedding.maxPerCaller();
            assertTrue(share < shedding.maxInFlight(), "one caller's share must leave slots for others");
            for (int i = 0; i <= share; i++) {
                held.add(heldUpload(token));
            }
            Await.until("the caller's slots are taken", () -> shedding.inFlight() >= before + share);
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
    void aRequestArrivingWhenEverySlotIsTakenWaitsAndRunsWhenOneIsGivenBack() throws Exception {
        String token = TestTokens.bearer(TestTokens.clinician("waiting-clinician"));
        int taken = 0;
        java.util.concurrent.CompletableFuture<Integer> answer;
        try {
            while (shedding.tryAcquire()) {
                taken++;
            }
            answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().header("Authorization", token)
                    .when().get("/api/v1/whoami").then().extract().statusCode());
            Await.until("the request waits in the queue", () -> shedding.queued() == 1);
            assertFalse(answer.isDone(), "a waiting request is not answered yet");
            shedding.release(); // one slot comes free: the waiting request takes it
            taken--;
            assertEquals(200, answer.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, shedding.queued());
        } finally {
            for (int i = 0; i < taken; i++) {
                shedding.release();
            }
        }
    }

    @Test
    void slotsAreSizedFromTheCpusWhenNotConfigured() {
        assertEquals(16, LoadShedding.defaultInFlight(2));
        assertEquals(8, LoadShedding.defaultInFlight(1));
        assertEquals(64, LoadShedding.defaultInFlight(8));
        assertEquals(12, LoadShedding.defaultPerCaller(16));
        assertEquals(1, LoadShedding.defaultPerCaller(1));
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
