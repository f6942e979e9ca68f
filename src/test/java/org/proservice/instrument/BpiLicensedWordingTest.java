package org.proservice.instrument;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/** A deployment that configures licensed BPI-SF content is served that wording, and says so. */
@QuarkusTest
@TestProfile(BpiLicensedWordingTest.LicensedBpi.class)
class BpiLicensedWordingTest {

    public static class LicensedBpi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pro.instruments.bpi-sf.licensed-content", "classpath:bpi-sf-licensed-test.json");
        }
    }

    private static final String TOKEN = TestTokens.bearer(TestTokens.patient("p-1"));

    @Test
    void catalogServesTheConfiguredLicensedWording() {
        given().header("Authorization", TOKEN).when().get("/api/v1/instruments/bpi-sf")
                .then().statusCode(200)
                .body("wording", equalTo("licensed"))
                .body("stem", equalTo("TEST LICENSED STEM"))
                .body("instructions", equalTo("TEST LICENSED INSTRUCTIONS"))
                .body("items[1].text", equalTo("TEST LICENSED Q3 worst"))
                .body("items[12].text", equalTo("TEST LICENSED 9G"))
                .body("items[1].options[0].label", equalTo("TEST ANCHOR LOW"))
                .body("items[1].options[10].label", equalTo("TEST ANCHOR HIGH"))
                .body("items[1].options[5].label", equalTo("5"))
                .body("items[1].options.value", contains(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        given().header("Authorization", TOKEN).when().get("/api/v1/instruments")
                .then().statusCode(200)
                .body("wording", equalTo(org.proservice.support.BuiltInCatalog.entries().stream()
                        .map(e -> e.definition().id().equals("bpi-sf") ? "licensed" : e.definition().wording())
                        .toList()));
    }

    @Test
    void fhirQuestionnaireCarriesTheLicensedWording() {
        given().header("Authorization", TOKEN).accept("application/fhir+json")
                .when().get("/api/v1/instruments/bpi-sf/fhir")
                .then().statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .body("item[1].text", equalTo("TEST LICENSED Q3 worst"));
    }

    @Test
    void scoringIsTheSameWhicheverWordingIsServed() {
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("""
                        {"answers": {"bpi_q3_worst": 8, "bpi_q4_least": 3, "bpi_q5_average": 5, "bpi_q6_now": 6,
                         "bpi_q9a_general_activity": 3, "bpi_q9c_walking_ability": 5, "bpi_q9e_relations": 4,
                         "bpi_q9g_enjoyment_of_life": 6}}""")
                .when().post("/api/v1/instruments/bpi-sf/score")
                .then().statusCode(200)
                .body("band", equalTo("severe"))
                .body("subscales.interference", equalTo(4.5f))
                .body("flags", contains("interference_partial"));
    }
}
