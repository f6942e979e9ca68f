package org.proservice.instrument;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

@QuarkusTest
class ScoreEndpointTest {

    private static final String PATIENT = TestTokens.bearer(TestTokens.patient("patient-1"));

    @Test
    void scoreCarriesEveryFieldInCamelCaseEvenWhenNull() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("""
                        {"answers": {"phq9_q1": 2, "phq9_q2": 1, "phq9_q3": 1, "phq9_q4": 2, "phq9_q5": 0,
                         "phq9_q6": 1, "phq9_q7": 0, "phq9_q8": null, "phq9_q9": 1, "phq9_difficulty": 1}}""")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("instrumentId", equalTo("phq9"))
                .body("instrumentVersion", equalTo("1.0"))
                .body("scoringVersion", equalTo("phq9-scoring-1.0"))
                .body("scorable", equalTo(true))
                .body("total", equalTo(9))
                .body("rawSum", equalTo(8))
                .body("itemsAnswered", equalTo(8))
                .body("proratedUnrounded", equalTo(9.0f))
                .body("subscales", anEmptyMap())
                .body("$", hasKey("endorsed"))
                .body("endorsed", nullValue())
                .body("$", hasKey("interferenceItemsAnswered"))
                .body("band", equalTo("mild"))
                .body("$", hasKey("provisionalDiagnosis"))
                .body("flags", contains("item9_positive", "prorated"));
    }

    @Test
    void absentItemsAreUnanswered() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("{\"answers\": {\"gad7_q1\": 3}}")
                .when().post("/api/v1/instruments/gad7/score")
                .then().statusCode(200)
                .body("scorable", equalTo(false))
                .body("total", nullValue())
                .body("rawSum", equalTo(3))
                .body("itemsAnswered", equalTo(1))
                .body("flags", contains("insufficient_items"));
    }

    @Test
    void emptyAnswersObjectScoresAsNothingAnswered() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("{\"answers\": {}}")
                .when().post("/api/v1/instruments/pcl5/score")
                .then().statusCode(200)
                .body("provisionalDiagnosis", equalTo("indeterminate"))
                .body("subscales.B", nullValue())
                .body("endorsed.B", equalTo(0))
                .body("flags", contains("missing_items"));
    }

    @Test
    void bpiScoreHasSubscalesAndNoTotal() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("""
                        {"answers": {"bpi_q1_pain_today": 1, "bpi_q3_worst": 6, "bpi_q4_least": 2,
                         "bpi_q5_average": 4, "bpi_q6_now": 3, "bpi_q8_relief_pct": 50,
                         "bpi_q9a_general_activity": 3, "bpi_q9b_mood": 4, "bpi_q9c_walking_ability": 4,
                         "bpi_q9d_normal_work": 5, "bpi_q9e_relations": 5, "bpi_q9f_sleep": 6,
                         "bpi_q9g_enjoyment_of_life": 7}}""")
                .when().post("/api/v1/instruments/bpi-sf/score")
                .then().statusCode(200)
                .body("total", nullValue())
                .body("subscales.worst", equalTo(6))
                .body("subscales.severityComposite", equalTo(3.75f))
                .body("subscales.interference", equalTo(34.0f / 7))
                .body("subscales.reliefPct", equalTo(50))
                .body("interferenceItemsAnswered", equalTo(7))
                .body("band", equalTo("moderate"));
    }

    @Test
    void shouldListEveryOffendingItemWithoutEchoingValues() {
        String response = given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("""
                        {"answers": {"phq9_q1": 987654, "phq9_q2": 2.5, "phq9_q3": "2", "phq9_q4": true,
                         "phq9_q5": {"v": 1}, "phq9_q6": [1], "phq9_q7": 2.0, "phq9_q8": -1,
                         "phq9_q9": 1, "phq9_bogus": 1, "phq9_difficulty": 99999999999999999999}}""")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1015"))
                .body("status", equalTo(422))
                .body("detail", equalTo("10 answers do not fit the instrument"))
                .body("errors.field", contains("answers.phq9_q1", "answers.phq9_q2", "answers.phq9_q3",
                        "answers.phq9_q4", "answers.phq9_q5", "answers.phq9_q6", "answers.phq9_q7",
                        "answers.phq9_q8", "answers.phq9_difficulty", "answers.phq9_bogus"))
                .body("errors.code", contains("value_out_of_range", "value_out_of_range", "wrong_type", "wrong_type",
                        "wrong_type", "wrong_type", "value_out_of_range", "value_out_of_range", "value_out_of_range",
                        "unknown_item"))
                .body("errors[0].message", equalTo("must be one of 0, 1, 2 or 3, or null when unanswered"))
                .body("$", not(hasKey("total")))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(response.contains("987654"), response);
        org.junit.jupiter.api.Assertions.assertFalse(response.contains("2.5"), response);
        org.junit.jupiter.api.Assertions.assertFalse(response.contains("99999999999999999999"), response);
    }

    @Test
    void shouldRejectReliefBetweenTheTenPercentSteps() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("{\"answers\": {\"bpi_q8_relief_pct\": 35, \"bpi_q3_worst\": 11}}")
                .when().post("/api/v1/instruments/bpi-sf/score")
                .then().statusCode(422)
                .body("code", equalTo("PRO-1015"))
                .body("errors.field", contains("answers.bpi_q3_worst", "answers.bpi_q8_relief_pct"))
                .body("errors[0].message", equalTo("must be one of 0, 1, 2, ..., 10, or null when unanswered"))
                .body("errors[1].message", equalTo("must be one of 0, 10, 20, ..., 100, or null when unanswered"));
    }

    @Test
    void missingAnswersObjectIs400NamingTheField() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1002"))
                .body("errors[0].field", equalTo("answers"))
                .body("errors[0].code", equalTo("required"));
        given().header("Authorization", PATIENT).contentType(ContentType.JSON).body("{\"answers\": null}")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("answers"));
    }

    @Test
    void emptyBodyIs400NamingAnswers() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON).body("")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("answers"));
    }

    @Test
    void answersThatAreNotAnObjectAre400() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON).body("{\"answers\": [1, 2]}")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1001"))
                .body("errors[0].field", equalTo("answers"));
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        String response = given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("{\"answers\": {\"phq9_q1\": 2, secret-value")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1001"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(response.contains("secret-value"), response);
    }

    @Test
    void duplicateItemInTheSameBodyIsRefusedAsMalformed() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON)
                .body("{\"answers\": {\"phq9_q1\": 0, \"phq9_q1\": 3}}")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(400)
                .body("code", equalTo("PRO-1001"));
    }

    @Test
    void wrongContentTypeIs415() {
        given().header("Authorization", PATIENT).contentType(ContentType.TEXT).body("phq9_q1=2")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(415)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1006"));
    }

    @Test
    void unknownInstrumentIs404() {
        given().header("Authorization", PATIENT).contentType(ContentType.JSON).body("{\"answers\": {}}")
                .when().post("/api/v1/instruments/no-such-instrument/score")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1017"));
    }

    @Test
    void anonymousCallerCannotScore() {
        given().contentType(ContentType.JSON).body("{\"answers\": {}}")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1008"));
    }

    @Test
    void everyRoleMayScore() {
        for (String token : new String[] { TestTokens.patient("p"), TestTokens.clinician("c"),
                TestTokens.admin("a") }) {
            given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON)
                    .body("{\"answers\": {\"gad7_q1\": 1}}")
                    .when().post("/api/v1/instruments/gad7/score")
                    .then().statusCode(200);
        }
    }

    @Test
    void tokenWithoutAServiceRoleIsForbidden() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("x", "visitor")))
                .contentType(ContentType.JSON).body("{\"answers\": {}}")
                .when().post("/api/v1/instruments/phq9/score")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1009"))
                .body("detail", not(containsString("visitor")));
    }
}
