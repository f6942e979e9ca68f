package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/** PRO_JWT_ALGORITHM=ES256 switches verification to ECDSA P-256 keys, and only to them. */
@QuarkusTest
@TestProfile(Es256TokenTest.Es256.class)
class Es256TokenTest {

    public static class Es256 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.jwt.verify.publickey.location", "jwt/es256-public.pem",
                    "%test.mp.jwt.verify.publickey.location", "jwt/es256-public.pem",
                    "mp.jwt.verify.publickey.algorithm", "ES256");
        }
    }

    static PrivateKey es256Key() throws Exception {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                TestTokens.pemBody(TestTokens.resource("jwt/es256-private.pem"))));
    }

    @Test
    void anEs256TokenSignedWithTheConfiguredKeyIsAccepted() throws Exception {
        String token = TestTokens.raw("es-patient", "patient").header("alg", "ES256").signWith(es256Key());
        given().header("Authorization", TestTokens.bearer(token)).get("/api/v1/whoami")
                .then().statusCode(200).body("subject", equalTo("es-patient"));
    }

    @Test
    void anRs256TokenIsRefusedWhenEs256IsConfigured() {
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("es-patient"))).get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anEs256TokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String token = TestTokens.raw("es-patient", "patient").header("alg", "ES256")
                .signWith(generator.generateKeyPair().getPrivate());
        given().header("Authorization", TestTokens.bearer(token)).get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
