package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.response.ResponseApi.as;
import static org.proservice.response.ResponseApi.clinician;
import static org.proservice.response.ResponseApi.enroll;
import static org.proservice.response.ResponseApi.recordEvent;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitOwn;
import static org.proservice.response.ResponseApi.timepoint;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/**
 * "Data only": instrument {@code wb5} exists only as {@code src/test/resources/catalog-extra/wb5-1.0.json}, loaded
 * through {@code PRO_INSTRUMENTS_DIR} (pro.instruments.dir). With no Java of its own it is listed, delivered as a
 * FHIR Questionnaire, validated, scored (prorated, transformed x5, banded, flagged), put into a protocol, submitted,
 * alerted on, shown in the score series with change from baseline, summarised per arm and exported.
 *
 * <pre>
 *        T0 items        T0 total  T1 items       T1 total  reduction  responder (>= 20 points)
 * arm-a  4,4,4,4,4       100 high  1,1,1,1,0      20 low    80         yes (and halved)
 * arm-b  2,2,2,2,2       50 medium 2,2,2,1,2      45 medium 5          no
 * </pre>
 */
@QuarkusTest
@TestProfile(DataOnlyInstrumentTest.ExtraInstruments.class)
class DataOnlyInstrumentTest {

    public static class ExtraInstruments implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pro.instruments.dir", "src/test/resources/catalog-extra");
        }
    }

    static final String CLINICIAN = "data-only-clin";

    @Inject
    Fixtures fixtures;

    static Map<String, Object> wb5(Integer... values) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            answers.put("wb5_q" + (i + 1), values[i]);
        }
        return answers;
    }

    @Test
    void anInstrumentFromTheDirectoryIsListedDeliveredValidatedAndScored() {
        clinician(CLINICIAN).when().get("/api/v1/instruments").then().statusCode(200)
                .body("id", hasItem("wb5"));
        clinician(CLINICIAN).when().get("/api/v1/instruments/wb5").then().statusCode(200)
                .body("items.id", equalTo(List.of("wb5_q1", "wb5_q2", "wb5_q3", "wb5_q4", "wb5_q5")))
                .body("scoring.measures[0].changeRules.code", equalTo(List.of("reduction_ge_20_points", "halved")));
        String fhir = clinician(CLINICIAN).accept("application/fhir+json")
                .when().get("/api/v1/instruments/wb5/fhir").then().statusCode(200).extract().asString();
        Questionnaire q = FhirContext.forR4Cached().newJsonParser().parseResource(Questionnaire.class, fhir);
        assertEquals(5, q.getItem().size());
        assertEquals("wb5_q5", q.getItem().get(4).getLinkId());

        clinician(CLINICIAN).contentType(ContentType.JSON).body(Map.of("answers", wb5(5, 0, 0, 0, 0)))
                .when().post("/api/v1/instruments/wb5/score").then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("PRO-1015"))
                .body("errors[0].field", equalTo("answers.wb5_q1"))
                .body("errors[0].code", equalTo("value_out_of_range"));
        // 4 answered, raw 13: 13 x 5 / 4 = 16.25 -> 16, x 5 = 80
        clinician(CLINICIAN).contentType(ContentType.JSON).body(Map.of("answers", wb5(4, 3, 3, 3, null)))
                .when().post("/api/v1/instruments/wb5/score").then().statusCode(200)
                .body("total", equalTo(80)).body("rawSum", equalTo(13)).body("band", equalTo("high"))
                .body("flags", equalTo(List.of("prorated"))).body("measures.total", equalTo(80));
    }

    @Test
    void aLanguagePackIsServedWhenAcceptLanguageAsksForIt() {
        clinician(CLINICIAN).when().get("/api/v1/instruments").then().statusCode(200)
                .body("find { it.id == 'phq9' }.languages", equalTo(List.of("en", "fr")))
                .body("find { it.id == 'wb5' }.languages", equalTo(List.of("en")));
        clinician(CLINICIAN).header("Accept-Language", "fr-CH, fr;q=0.9, en;q=0.5")
                .when().get("/api/v1/instruments/phq9").then().statusCode(200)
                .header("Content-Language", "fr").header("Vary", org.hamcrest.Matchers.containsString("Accept-Language"))
                .body("language", equalTo("fr"))
                .body("stem", equalTo("TEST-FR consigne"))
                .body("recallPeriod.text", equalTo("TEST-FR 2 semaines"))
                .body("items[0].text", equalTo("TEST-FR question 1"))
                .body("items[0].options.label", equalTo(List.of("TEST-FR jamais", "Several days",
                        "More than half the days", "TEST-FR presque tous les jours")))
                .body("items[0].options.value", equalTo(List.of(0, 1, 2, 3)))
                .body("scoring.scoringVersion", equalTo("phq9-scoring-1.0"));
        clinician(CLINICIAN).header("Accept-Language", "de, ja;q=0.5").when().get("/api/v1/instruments/phq9")
                .then().statusCode(200).header("Content-Language", "en").body("language", equalTo("en"))
                .body("items[0].text", equalTo("Little interest or pleasure in doing things"));
        clinician(CLINICIAN).when().get("/api/v1/instruments/phq9").then().statusCode(200)
                .body("language", equalTo("en"));
        String fhir = clinician(CLINICIAN).header("Accept-Language", "fr").accept("application/fhir+json")
                .when().get("/api/v1/instruments/phq9/fhir").then().statusCode(200)
                .header("Content-Language", "fr").extract().asString();
        Questionnaire q = FhirContext.forR4Cached().newJsonParser().parseResource(Questionnaire.class, fhir);
        assertEquals("fr", q.getLanguage());
        assertEquals("TEST-FR question 1", q.getItem().get(0).getText());
    }

    @Test
    void anInstrumentFromTheDirectoryRunsThroughAStudy() throws Exception {
        UUID studyId = fixtures.study(unique("data-only"), CLINICIAN);
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("anchors", List.of("session-1"));
        protocol.put("timepoints", List.of(timepoint("T0", "enrollment", 0, 0, 7, List.of("wb5"), true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("wb5"), false)));
        protocol.put("lateSubmissions", "accept_marked_late");
        as(TestTokens.admin(ResponseApi.ADMIN)).contentType(ContentType.JSON).body(protocol)
                .when().post("/api/v1/studies/{id}/protocol-versions", studyId).then().statusCode(201);

        // the baseline is completed two days ago, before session 1 (yesterday): a valid baseline
        Instant t0 = Instant.now().minus(java.time.Duration.ofDays(2));
        Instant t1 = Instant.now().minusSeconds(60);
        String subA = unique("data-only-a");
        UUID a = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(3), subA, unique("A"));
        String subB = unique("data-only-b");
        UUID b = enroll(CLINICIAN, studyId, "arm-b", todayUtc().minusDays(3), subB, unique("B"));
        for (UUID p : List.of(a, b)) {
            recordEvent(CLINICIAN, p, "session-1", todayUtc().minusDays(1));
        }
        submitOwn(subA, unique("k"), submission("T0", "wb5", wb5(4, 4, 4, 4, 4), t0)).statusCode(201)
                .body("score.total", equalTo(100)).body("score.band", equalTo("high"))
                .body("score.flags", equalTo(List.of("item5_high")));
        submitOwn(subA, unique("k"), submission("T1", "wb5", wb5(1, 1, 1, 1, 0), t1)).statusCode(201)
                .body("score.total", equalTo(20)).body("score.band", equalTo("low"));
        submitOwn(subB, unique("k"), submission("T0", "wb5", wb5(2, 2, 2, 2, 2), t0)).statusCode(201)
                .body("score.total", equalTo(50));
        submitOwn(subB, unique("k"), submission("T1", "wb5", wb5(2, 2, 2, 1, 2), t1)).statusCode(201)
                .body("score.total", equalTo(45));

        List<String> rules = clinician(CLINICIAN).queryParam("studyId", studyId).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().path("items.rule");
        assertEquals(List.of("wb5_item5_high"), rules, "the definition's alert rule, raised once (arm-a T0)");

        JsonPath series = clinician(CLINICIAN).queryParam("instrument", "wb5").when()
                .get("/api/v1/patients/{pid}/scores", a).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("total"), series.getList("measures"));
        assertEquals("present", series.getString("baselineStatus"));
        assertEquals(List.of(100, 20), series.getList("points.total"));
        assertEquals(20, series.getInt("points[1].measures.total"));
        assertEquals(80.0, series.getDouble("points[1].change[0].reduction"), 1e-9);
        assertEquals(Map.of("reduction_ge_20_points", true, "halved", true),
                series.getMap("points[1].change[0].thresholds"));

        JsonPath summary = clinician(CLINICIAN).queryParam("instrument", "wb5").when()
                .get("/api/v1/studies/{id}/summary", studyId).then().statusCode(200).extract().jsonPath();
        assertEquals("total", summary.getString("measure"));
        assertEquals("reduction_ge_20_points", summary.getString("responderRule"));
        Map<String, Object> aT1 = row(summary, "arm-a", "T1");
        Map<String, Object> bT1 = row(summary, "arm-b", "T1");
        assertEquals(20.0, ((Number) aT1.get("mean")).doubleValue(), 1e-9);
        assertEquals(-80.0, ((Number) aT1.get("meanChangeFromBaseline")).doubleValue(), 1e-9);
        assertEquals(1, ((Number) aT1.get("responders")).intValue());
        assertEquals(-5.0, ((Number) bT1.get("meanChangeFromBaseline")).doubleValue(), 1e-9);
        assertEquals(0, ((Number) bT1.get("responders")).intValue());
        clinician(CLINICIAN).queryParam("instrument", "wb5").queryParam("measure", "nope").when()
                .get("/api/v1/studies/{id}/summary", studyId).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("measure"));

        String csv = clinician(CLINICIAN).when().get("/api/v1/studies/{id}/export.csv", studyId)
                .then().statusCode(200).extract().asString();
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(4, records.size());
        assertTrue(records.stream().allMatch(r -> r.get("instrument_id").equals("wb5")));
        assertEquals(List.of("100", "20", "50", "45").stream().sorted().toList(),
                records.stream().map(r -> r.get("total")).sorted().toList());
        assertFalse(records.stream().anyMatch(r -> r.get("scoring_version").isEmpty()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath summary, String arm, String timepoint) {
        List<Map<String, Object>> rows = summary.getList("rows");
        Map<String, Object> found = rows.stream().filter(r -> arm.equals(r.get("arm"))
                && timepoint.equals(r.get("timepointKey"))).findFirst().orElse(null);
        assertTrue(found != null, arm + " " + timepoint + " in " + rows);
        return found;
    }
}
