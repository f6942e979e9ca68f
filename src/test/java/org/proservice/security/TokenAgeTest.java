package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/** pro.jwt.max-token-age (24 h by default) is counted from iat, whatever exp says. */
@QuarkusTest
class TokenAgeTest {

    @Test
    void aTokenIssuedMoreThanTheMaximumAgeAgoIsRefusedAlthoughNotExpired() {
        Instant now = Instant.now();
        String token = TestTokens.raw("old-token", "clinician").issuedAt(now.minus(Duration.ofHours(25)))
                .expiresAt(now.plus(Duration.ofHours(1))).sign();
        given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/whoami")
                .then().statusCode(401).body("code", equalTo("PRO-1008"));
    }

    @Test
    void aTokenWithinTheMaximumAgeIsAccepted() {
        Instant now = Instant.now();
        String token = TestTokens.raw("young-token", "clinician").issuedAt(now.minus(Duration.ofHours(23)))
                .expiresAt(now.plus(Duration.ofHours(1))).sign();
        given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/whoami")
                .then().statusCode(200);
    }

    @Test
    void aTokenWithoutIssuedAtIsRefused() {
        String token = TestTokens.raw("no-iat", "clinician").without("iat").sign();
        given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/whoami")
                .then().statusCode(401).body("code", equalTo("PRO-1008"));
    }
}
