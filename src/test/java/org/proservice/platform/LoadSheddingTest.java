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

@QuarkusTest
class LoadSheddingTest {

    @Inject
    LoadShedding shedding;

    @Test
    void apiRequestBeyondCapacityGets503ProblemWithRetryAfterAndHealthStaysReachable() {
        int taken = 0;
        try {
            while (shedding.tryAcquire()) {
                taken++;
            }
            given().when().get("/api/v1/whoami")
                    .then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", equalTo("1"))
                    .body("code", equalTo("PRO-1018"))
                    .body("requestId", notNullValue());
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            for (int i = 0; i < taken; i++) {
                shedding.release();
            }
        }
        given().when().get("/api/v1/whoami").then().statusCode(401);
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
