package org.proservice.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real RS256 tokens for tests, signed with the throwaway key pair under src/test/resources/jwt.
 * <ul>
 * <li>{@link #patient}, {@link #clinician}, {@link #admin}, {@link #token}: valid tokens; they need nothing but the
 * JDK and Jackson, so they work inside {@code @QuarkusTest} and in plain JUnit (the packaged-application IT).</li>
 * <li>{@link #raw}: a JDK-only builder for bending claims and headers (forged tokens, clock skew).</li>
 * <li>{@link #builder}: the SmallRye JWT claims builder with valid defaults ({@code @QuarkusTest} only: it signs
 * with {@code smallrye.jwt.sign.key.location} of the test profile).</li>
 * </ul>
 * <pre>
 * given().header("Authorization", TestTokens.bearer(TestTokens.patient("p-1")))...
 * TestTokens.raw("c-1", "clinician").expiresAt(past).sign()
 * </pre>
 */
public final class TestTokens {

    public static final String ISSUER = "https://pro.local/test-issuer";
    public static final String AUDIENCE = "pro-service";
    public static final String PRIVATE_KEY = "jwt/dev-private.pem";
    public static final String PUBLIC_KEY = "jwt/dev-public.pem";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PrivateKey devKey;

    private TestTokens() {
    }

    public static String patient(String subject) {
        return raw(subject, "patient").sign();
    }

    public static String clinician(String subject) {
        return raw(subject, "clinician").sign();
    }

    public static String admin(String subject) {
        return raw(subject, "admin").sign();
    }

    public static String token(String subject, String... roles) {
        return raw(subject, roles).sign();
    }

    /** A valid token's claims and header, to be bent before signing; JDK only. */
    public static Builder raw(String subject, String... roles) {
        return new Builder(subject, roles);
    }

    /** SmallRye JWT claims builder with valid defaults, for tests that bend one claim ({@code @QuarkusTest} only). */
    public static JwtClaimsBuilder builder(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(10));
    }

    /** The {@code Authorization} header value. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static PrivateKey devPrivateKey() {
        if (devKey == null) {
            devKey = readPkcs8Rsa(resource(PRIVATE_KEY));
        }
        return devKey;
    }

    public static byte[] resourceBytes(String name) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String resource(String name) {
        return new String(resourceBytes(name), StandardCharsets.US_ASCII);
    }

    public static PrivateKey readPkcs8Rsa(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pemBody(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String b64Json(Map<String, Object> map) {
        try {
            return b64(JSON.writeValueAsBytes(map));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims and header of a token under construction; {@link #sign()} makes an RS256 JWS. */
    public static final class Builder {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();

        Builder(String subject, String... roles) {
            long now = Instant.now().getEpochSecond();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            header.put("kid", "dev");
            claims.put("iss", ISSUER);
            claims.put("aud", AUDIENCE);
            claims.put("sub", subject);
            claims.put("groups", List.of(roles));
            claims.put("iat", now);
            claims.put("exp", now + 600);
            claims.put("jti", java.util.UUID.randomUUID().toString());
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String name) {
            claims.remove(name);
            return this;
        }

        public Builder header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        public Builder issuedAt(Instant at) {
            return claim("iat", at.getEpochSecond());
        }

        public Builder expiresAt(Instant at) {
            return claim("exp", at.getEpochSecond());
        }

        public Builder notBefore(Instant at) {
            return claim("nbf", at.getEpochSecond());
        }

        /** {@code header.payload}, unsigned. */
        public String signingInput() {
            return b64Json(header) + "." + b64Json(claims);
        }

        public String sign() {
            return signWith(devPrivateKey());
        }

        /** RS256 (or ES256 when the header says so and the key is an EC key) with the given key. */
        public String signWith(PrivateKey key) {
            String input = signingInput();
            try {
                boolean ec = "EC".equals(key.getAlgorithm());
                Signature signature = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
                signature.initSign(key);
                signature.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + b64(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
