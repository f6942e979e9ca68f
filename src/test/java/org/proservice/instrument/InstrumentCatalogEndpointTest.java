package org.proservice.instrument;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.proservice.support.BuiltInCatalog;
import org.proservice.support.TestTokens;

@QuarkusTest
class InstrumentCatalogEndpointTest {

    private static final String PATIENT = TestTokens.bearer(TestTokens.patient("patient-1"));

    @Test
    void catalogListsTheFourInstrumentsInOrder() {
        given().header("Authorization", PATIENT)
                .when().get("/api/v1/instruments")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .header("ETag", startsWith("\""))
                .header("Cache-Control", equalTo("private, max-age=3600"))
                .body("id", equalTo(BuiltInCatalog.ids()))
                .body("version", everyItem(equalTo("1.0")))
                .body("wording", equalTo(catalog(d -> d.wording())))
                .body("itemCount", equalTo(catalog(d -> d.items().size())))
                .body("scoringVersion", equalTo(catalog(d -> d.scoring().scoringVersion())))
                .body("languages", everyItem(equalTo(java.util.List.of("en"))));
    }

    @Test
    void theDefinitionFormatIsServedAsAJsonSchema() {
        given().header("Authorization", PATIENT).when().get("/api/v1/instruments/schema")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .header("ETag", startsWith("\""))
                .body("'$schema'", equalTo("https://json-schema.org/draft/2020-12/schema"))
                .body("required", hasItems("id", "version", "licence", "scoring", "items"))
                .body("'$defs'.scoring.required", hasItems("measures", "bands"));
    }

    static <T> java.util.List<T> catalog(java.util.function.Function<InstrumentDefinition, T> field) {
        return BuiltInCatalog.entries().stream().map(e -> field.apply(e.definition())).toList();
    }

    @Test
    void phq9EntryCarriesItemsCodesLicenceAndConventions() {
        given().header("Authorization", PATIENT)
                .when().get("/api/v1/instruments/phq9")
                .then().statusCode(200)
                .body("id", equalTo("phq9"))
                .body("version", equalTo("1.0"))
                .body("stem", equalTo("Over the last 2 weeks, how often have you been bothered by any of the "
                        + "following problems?"))
                .body("recallPeriod.duration", equalTo("P2W"))
                .body("loinc.panel.code", equalTo("44249-1"))
                .body("loinc.total.code", equalTo("44261-6"))
                .body("items", hasSize(10))
                .body("items[5].text", equalTo("Feeling bad about yourself — or that you are a failure or have let "
                        + "yourself or your family down"))
                .body("items[8].id", equalTo("phq9_q9"))
                .body("items[8].loinc", equalTo("44260-8"))
                .body("items[0].options.value", contains(0, 1, 2, 3))
                .body("items[0].options.label", contains("Not at all", "Several days", "More than half the days",
                        "Nearly every day"))
                .body("items[0].options.loinc", contains("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"))
                .body("items[9].id", equalTo("phq9_difficulty"))
                .body("items[9].scored", equalTo(false))
                .body("items[9].loinc", equalTo("69722-7"))
                .body("items[9].options.loinc", contains("LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"))
                .body("copyright", startsWith("Copyright © Pfizer Inc."))
                .body("scoring.bands.code", contains("none_minimal", "mild", "moderate", "moderately_severe",
                        "severe"))
                .body("scoringNotes.basis", everyItem(equalTo("project_convention")))
                .body("scoringNotes.rule", hasItems("prorating_7_or_8_answered", "round_half_up",
                        "item9_missing_prorated_and_flagged", "item9_positive_regardless_of_total",
                        "safety_flags_from_items", "difficulty_item_ordinal", "missing_is_not_zero",
                        "reject_invalid_values"));
    }

    @Test
    void gad7AndPcl5EntriesNameTheirConventions() {
        given().header("Authorization", PATIENT).when().get("/api/v1/instruments/gad7")
                .then().statusCode(200)
                .body("loinc.panel.code", equalTo("69737-5"))
                .body("loinc.total.code", equalTo("70274-6"))
                .body("items[1].loinc", equalTo("68509-9"))
                .body("items[1].options.label[2]", equalTo("More than half the days"))
                .body("items[7].loinc", nullValue())
                .body("scoringNotes.rule", hasItems("prorating_exactly_6_answered", "round_half_up"));
        given().header("Authorization", PATIENT).when().get("/api/v1/instruments/pcl5")
                .then().statusCode(200)
                .body("recallPeriod.duration", equalTo("P1M"))
                .body("stem", equalTo("In the past month, how much were you bothered by:"))
                .body("instructions", startsWith("Below is a list of problems"))
                .body("items[16].text", equalTo("Being \"superalert\" or watchful or on guard?"))
                .body("items[8].loinc", equalTo("101699-7"))
                .body("items[15].loinc", equalTo("101702-9"))
                .body("items[16].loinc", equalTo("101715-1"))
                .body("items[0].loinc", nullValue())
                .body("items.cluster", hasItems("B", "C", "D", "E"))
                .body("scoring.bands.code", contains("below_31", "31_to_32", "33_or_above"))
                .body("scoringNotes.rule", hasItems("no_prorating", "cluster_sum_complete_only",
                        "provisional_diagnosis_three_valued", "band_three_zones", "item16_not_a_suicide_screen"));
    }

    @Test
    void bpiIsServedWithNeutralLabelsByDefault() {
        given().header("Authorization", PATIENT).when().get("/api/v1/instruments/bpi-sf")
                .then().statusCode(200)
                .body("wording", equalTo("neutral"))
                .body("items[1].id", equalTo("bpi_q3_worst"))
                .body("items[1].text", equalTo("Worst pain in the last 24 hours (0-10)"))
                .body("items.text", everyItem(not(containsString("circling"))))
                .body("items[5].options.value", contains(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100))
                .body("items[0].scored", equalTo(false))
                .body("items[0].options.value", contains(1, 2))
                .body("loinc.panel", nullValue())
                .body("loinc.scores[0].code", equalTo("77565-0"))
                .body("copyright", containsString("Charles S. Cleeland"))
                .body("scoring.bands.code", contains("none", "mild", "moderate", "severe"))
                .body("scoringNotes.rule", hasItems("severity_composite_needs_all_four",
                        "scorable_needs_both_composites", "means_unrounded", "licence_before_item_text"));
    }

    @Test
    void unchangedEntryAnswers304ToIfNoneMatch() {
        Response first = given().header("Authorization", PATIENT).when().get("/api/v1/instruments/pcl5");
        String etag = first.header("ETag");
        given().header("Authorization", PATIENT).header("If-None-Match", etag)
                .when().get("/api/v1/instruments/pcl5")
                .then().statusCode(304)
                .header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("private, max-age=3600"))
                .body(emptyOrNullString());
        given().header("Authorization", PATIENT).header("If-None-Match", "\"something-else\"")
                .when().get("/api/v1/instruments/pcl5")
                .then().statusCode(200).header("ETag", equalTo(etag));
        String listTag = given().header("Authorization", PATIENT).when().get("/api/v1/instruments").header("ETag");
        given().header("Authorization", PATIENT).header("If-None-Match", listTag)
                .when().get("/api/v1/instruments")
                .then().statusCode(304);
        assertNotEquals(etag, given().header("Authorization", PATIENT).when().get("/api/v1/instruments/phq9")
                .header("ETag"));
    }

    @Test
    void unknownInstrumentIs404Problem() {
        given().header("Authorization", PATIENT).when().get("/api/v1/instruments/no-such-instrument")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1017"));
    }

    @Test
    void anonymousCallerGets401OnEveryInstrumentEndpoint() {
        for (String path : new String[] { "/api/v1/instruments", "/api/v1/instruments/phq9",
                "/api/v1/instruments/phq9/fhir" }) {
            given().when().get(path)
                    .then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .body("code", equalTo("PRO-1008"));
        }
    }

    @Test
    void everyRoleMayReadTheCatalog() {
        for (String token : new String[] { TestTokens.patient("p"), TestTokens.clinician("c"),
                TestTokens.admin("a") }) {
            given().header("Authorization", TestTokens.bearer(token)).when().get("/api/v1/instruments/gad7")
                    .then().statusCode(200);
        }
    }

    @Test
    void tokenWithoutAServiceRoleIsForbidden() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("x", "visitor")))
                .when().get("/api/v1/instruments")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1009"));
    }
}
