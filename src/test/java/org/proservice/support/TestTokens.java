package org.proservice.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.util.Set;

/**
 * Real RS256 tokens signed with the test key pair (src/test/resources/jwt), accepted by the test profile's
 * verifier. Use {@link #patient(String)}, {@link #clinician(String)}, {@link #admin(String)} in tests.
 */
public final class TestTokens {

    public static final String ISSUER = "https://pro.local/test-issuer";
    public static final String AUDIENCE = "pro-service";

    private TestTokens() {
    }

    public static String patient(String subject) {
        return token(subject, "patient");
    }

    public static String clinician(String subject) {
        return token(subject, "clinician");
    }

    public static String admin(String subject) {
        return token(subject, "admin");
    }

    public static String token(String subject, String... roles) {
        return builder(subject, roles).sign();
    }

    /** A claims builder with valid defaults, for tests that bend one claim. */
    public static JwtClaimsBuilder builder(String subject, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(10));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
