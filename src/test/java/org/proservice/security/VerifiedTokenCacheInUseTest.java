package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/** Bearer tokens are authenticated through the verified-token cache, and a remembered token behaves as before. */
@QuarkusTest
class VerifiedTokenCacheInUseTest {

    @Inject
    JWTParser parser;

    @Test
    void smallRyeJwtAuthenticatesThroughTheCache() {
        VerifiedTokenCache cache = assertInstanceOf(VerifiedTokenCache.class, ClientProxy.unwrap(parser));
        String token = TestTokens.raw("cache-" + System.nanoTime(), "clinician").sign();
        long before = cache.size();
        given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/whoami")
                .then().statusCode(200).body("roles[0]", equalTo("clinician"));
        assertEquals(before + 1, cache.size());
        // the second request is answered from memory, with the same subject and roles
        given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/whoami")
                .then().statusCode(200).body("roles[0]", equalTo("clinician"));
        assertEquals(before + 1, cache.size());
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsStillRefused() {
        String token = TestTokens.raw("cache-tamper-" + System.nanoTime(), "patient").sign();
        given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/whoami").then().statusCode(200);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().header("Authorization", TestTokens.bearer(forged)).when().get("/api/v1/whoami")
                .then().statusCode(401);
    }
}
