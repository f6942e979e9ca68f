package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/**
 * RSA verification keys shorter than 2048 bits are refused: the configured key set holds a 1024-bit key and a
 * 2048-bit key, and a token signed by the short one is unauthenticated although its signature is valid, while the same
 * token signed by the long one is accepted (so the wiring of the key set is not what refuses it). SmallRye JWT relaxes
 * the key size check by default; {@code smallrye.jwt.verify.relax-key-validation=false} turns it on.
 */
@QuarkusTest
@TestProfile(ShortRsaKeyTest.KeySet.class)
class ShortRsaKeyTest {

    static final Path DIR = Path.of("target", "short-rsa-key-test");

    public static class KeySet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                String keys = "{\"keys\":[" + jwk("short", generate(1024)) + "," + jwk("long", generate(2048)) + "]}";
                Path jwks = DIR.resolve("jwks.json");
                Files.writeString(jwks, keys);
                return Map.of("mp.jwt.verify.publickey.location", jwks.toUri().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static KeyPair generate(int bits) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(bits);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The public half as a JWK; the private half next to it in PKCS#8, for the test to sign with. */
        private static String jwk(String kid, KeyPair pair) throws IOException {
            Files.write(DIR.resolve(kid + ".pk8"), pair.getPrivate().getEncoded());
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                    + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
        }

        private static String unsigned(BigInteger value) {
            byte[] bytes = value.toByteArray();
            if (bytes.length > 1 && bytes[0] == 0) {
                bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    static String signedBy(String kid) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(DIR.resolve(kid + ".pk8"))));
        return TestTokens.raw("key-size-clinician", "clinician").header("kid", kid).signWith(key);
    }

    @Test
    void aTokenSignedByA1024BitKeyOfTheConfiguredKeySetIsRefused() throws Exception {
        given().header("Authorization", TestTokens.bearer(signedBy("short"))).get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void theSameTokenSignedByA2048BitKeyOfThatKeySetIsAccepted() throws Exception {
        given().header("Authorization", TestTokens.bearer(signedBy("long"))).get("/api/v1/whoami")
                .then().statusCode(200).body("subject", equalTo("key-size-clinician"));
    }
}
