package org.proservice.instrument;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.proservice.support.GoldenCases;
import org.proservice.support.GoldenCases.Case;
import org.proservice.support.ScoreExpectations;
import org.proservice.support.TestTokens;

/** Every public golden case and every additional case through POST /api/v1/instruments/{id}/score. */
@QuarkusTest
class GoldenScoreEndpointTest {

    private static final String TOKEN = TestTokens.bearer(TestTokens.clinician("golden-runner"));

    static Stream<Case> goldenCases() {
        return GoldenCases.golden().stream();
    }

    static Stream<Case> extraCases() {
        return GoldenCases.extra().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void endpointReproducesGoldenCase(Case c) throws Exception {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCases")
    void endpointReproducesAdditionalCase(Case c) throws Exception {
        check(c);
    }

    private static void check(Case c) throws Exception {
        String body = GoldenCases.mapper().writeValueAsString(Map.of("answers", c.answers()));
        if (c.expectsError()) {
            given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/instruments/{id}/score", c.instrumentId())
                    .then().statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("PRO-1015"))
                    .body("errors.code", everyItem(equalTo(c.expected().get("error").asText())))
                    .body("errors.size()", not(equalTo(0)));
            return;
        }
        String response = given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/instruments/{id}/score", c.instrumentId())
                .then().statusCode(200).contentType(startsWith("application/json"))
                .extract().asString();
        JsonNode actual = GoldenCases.mapper().readTree(response);
        assertEquals(c.instrumentId(), actual.get("instrumentId").asText());
        ScoreExpectations.assertMatches(c.id(), c.expected(), actual);
    }
}
