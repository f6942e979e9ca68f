package org.proservice.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker or a broken client might send. Every one must get 401 problem+json. Shared by the
 * {@code @QuarkusTest} and by the IT against the packaged application.
 */
public final class ForgedTokens {

    public record Forged(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ForgedTokens() {
    }

    public static List<Forged> all(String subject) {
        Instant now = Instant.now();
        List<Forged> list = new ArrayList<>();
        list.add(new Forged("alg none, no signature", unsigned(subject)));
        list.add(new Forged("HS256 keyed with the public key PEM text", hs256(subject,
                TestTokens.resourceBytes(TestTokens.PUBLIC_KEY))));
        list.add(new Forged("HS256 keyed with the public key DER bytes", hs256(subject,
                TestTokens.pemBody(TestTokens.resource(TestTokens.PUBLIC_KEY)))));
        list.add(new Forged("flipped signature bit", flipSignature(TestTokens.patient(subject))));
        list.add(new Forged("signed by another RSA key", TestTokens.raw(subject, "patient")
                .signWith(otherKey().getPrivate())));
        KeyPair attacker = otherKey();
        list.add(new Forged("signed by another key that is embedded as jwk header", TestTokens.raw(subject, "patient")
                .header("jwk", jwk((RSAPublicKey) attacker.getPublic())).signWith(attacker.getPrivate())));
        list.add(new Forged("expired beyond the 60 s skew", TestTokens.raw(subject, "patient")
                .issuedAt(now.minusSeconds(900)).expiresAt(now.minusSeconds(120)).sign()));
        list.add(new Forged("not yet valid (nbf beyond the skew)", TestTokens.raw(subject, "patient")
                .notBefore(now.plusSeconds(600)).expiresAt(now.plusSeconds(1200)).sign()));
        list.add(new Forged("issued in the future (iat beyond the skew)", TestTokens.raw(subject, "patient")
                .issuedAt(now.plusSeconds(600)).expiresAt(now.plusSeconds(1200)).sign()));
        list.add(new Forged("wrong issuer", TestTokens.raw(subject, "patient")
                .claim("iss", "https://evil.example/issuer").sign()));
        list.add(new Forged("no issuer", TestTokens.raw(subject, "patient").without("iss").sign()));
        list.add(new Forged("wrong audience", TestTokens.raw(subject, "patient")
                .claim("aud", "another-service").sign()));
        list.add(new Forged("no audience", TestTokens.raw(subject, "patient").without("aud").sign()));
        list.add(new Forged("no expiry", TestTokens.raw(subject, "patient").without("exp").sign()));
        list.add(new Forged("no subject", TestTokens.raw(subject, "patient").without("sub").sign()));
        list.add(new Forged("garbage", "this-is-not-a-jwt"));
        list.add(new Forged("three garbage segments", "abc.def.ghi"));
        return list;
    }

    static String unsigned(String subject) {
        String header = TestTokens.b64Json(Map.of("alg", "none", "typ", "JWT"));
        String payload = TestTokens.raw(subject, "patient").signingInput().split("\\.")[1];
        return header + "." + payload + ".";
    }

    static String hs256(String subject, byte[] secret) {
        String input = TestTokens.raw(subject, "patient").header("alg", "HS256").signingInput();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + TestTokens.b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String flipSignature(String token) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[signature.length / 2] ^= 0x01;
        return token.substring(0, dot + 1) + TestTokens.b64(signature);
    }

    static KeyPair otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> jwk(RSAPublicKey key) {
        return Map.of("kty", "RSA", "kid", "dev",
                "n", TestTokens.b64(unsigned(key.getModulus().toByteArray())),
                "e", TestTokens.b64(unsigned(key.getPublicExponent().toByteArray())));
    }

    static byte[] unsigned(byte[] twosComplement) {
        if (twosComplement.length > 1 && twosComplement[0] == 0) {
            return java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length);
        }
        return twosComplement;
    }
}
