package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.support.ForgedTokens;
import org.proservice.support.ForgedTokens.Forged;
import org.proservice.support.LogCapture;
import org.proservice.support.TestTokens;

/** Only tokens signed with the configured key, for this issuer and audience, within their lifetime, get in. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenVerificationTest {

    static final String SUBJECT = "token-test-patient";
    final List<Forged> forged = ForgedTokens.all(SUBJECT);
    LogCapture log;

    @BeforeAll
    void captureLog() {
        log = LogCapture.install();
    }

    @AfterAll
    void noTokenOrStackTraceWasLogged() {
        try {
            for (Forged f : forged) {
                log.assertNoneContains(f.token());
                for (String part : f.token().split("\\.")) {
                    if (part.length() > 16) {
                        log.assertNoneContains(part);
                    }
                }
            }
            log.assertNoStackTraces();
        } finally {
            log.close();
        }
    }

    Stream<Forged> forgedTokens() {
        return forged.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedTokens")
    void forgedOrInvalidTokenIsUnauthenticated(Forged token) {
        given().header("Authorization", TestTokens.bearer(token.token()))
                .when().get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("PRO-1008"));
    }

    @Test
    void theLogCaptureSeesWhatTheApplicationLogs() {
        org.jboss.logging.Logger.getLogger("org.proservice.probe").info("log-capture-probe");
        org.junit.jupiter.api.Assertions.assertTrue(log.lines().stream().anyMatch(l -> l.contains("log-capture-probe")));
    }

    @Test
    void aValidTokenNamesTheCallerBySubAndRolesFromGroups() {
        given().header("Authorization", TestTokens.bearer(TestTokens.raw(SUBJECT, "patient", "unknown-group")
                        .claim("upn", "someone-else").claim("preferred_username", "also-not-me").sign()))
                .when().get("/api/v1/whoami")
                .then().statusCode(200).body("subject", equalTo(SUBJECT)).body("roles", contains("patient"));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() {
        Instant now = Instant.now();
        given().header("Authorization", TestTokens.bearer(TestTokens.raw(SUBJECT, "patient")
                        .issuedAt(now.minusSeconds(600)).expiresAt(now.minusSeconds(20)).sign()))
                .when().get("/api/v1/whoami")
                .then().statusCode(200);
    }

    @Test
    void noTokenAndAnEmptyBearerAreUnauthenticated() {
        given().when().get("/api/v1/whoami").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer ").when().get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
