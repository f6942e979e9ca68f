package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.proservice.support.JwksServer;
import org.proservice.support.TestTokens;

/** PRO_JWT_KEY_LOCATION may be a JWKS URL (e.g. Keycloak's certs endpoint) instead of a PEM file. */
@QuarkusTest
@TestProfile(JwksTokenTest.Jwks.class)
@QuarkusTestResource(value = JwksServer.class, restrictToAnnotatedClass = true)
class JwksTokenTest {

    public static class Jwks implements QuarkusTestProfile {
    }

    static String jwksSigned(String kid) {
        return TestTokens.raw("jwks-clinician", "clinician").header("kid", kid)
                .signWith(TestTokens.readPkcs8Rsa(TestTokens.resource("jwt/jwks-private.pem")));
    }

    @Test
    void aTokenWhoseKeyIsInTheJwksIsAccepted() {
        given().header("Authorization", TestTokens.bearer(jwksSigned("jwks-1")))
                .get("/api/v1/whoami").then().statusCode(200).body("subject", equalTo("jwks-clinician"));
    }

    @Test
    void theDevPemKeyIsNotUsedWhenAJwksUrlIsConfigured() {
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("jwks-clinician")))
                .get("/api/v1/whoami").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenSignedByAKeyOutsideTheJwksIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String token = TestTokens.raw("jwks-clinician", "clinician").signWith(generator.generateKeyPair().getPrivate());
        given().header("Authorization", TestTokens.bearer(token)).get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenNamingAnUnknownKeyIdIsRefused() {
        String token = jwksSigned("not-in-jwks");
        given().header("Authorization", TestTokens.bearer(token)).get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
