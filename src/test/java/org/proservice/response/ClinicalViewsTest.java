package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.response.ResponseApi.clinician;
import static org.proservice.response.ResponseApi.enroll;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.recordEvent;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitOwn;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;

/**
 * A small two-arm pilot, submitted through the API; every expected number below is computed by hand.
 *
 * <pre>
 *           T0 (baseline)  T1      change  reduction  responder (PHQ-9 >= 50 %)
 * arm-a P1  20             8       -12     60 %       yes
 * arm-a P2  14             10      -4      28.6 %     no
 * arm-a P5  15             -
 * arm-b P3  18             9       -9      50 %       yes (>= 50 %)
 * arm-b P4  11             3 -> amended to 12: +1     no (the superseded 3 would have made it one)
 * </pre>
 */
@QuarkusTest
class ClinicalViewsTest {

    static final String CLINICIAN = "views-clin";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Fixtures fixtures;

    UUID studyId;
    Map<String, UUID> patients = new LinkedHashMap<>();
    Map<String, String> subjects = new LinkedHashMap<>();
    Map<String, String> codes = new LinkedHashMap<>();
    String p4T1;
    String p4T1Amended;

    @BeforeEach
    void pilot() {
        studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
        // baselines two days ago, before session 1 (yesterday): valid baselines (BaselineValidityTest covers late ones)
        Instant t0 = todayUtc().minusDays(2).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
        Instant t1 = Instant.now().minusSeconds(60);
        Object[][] plan = { { "P1", "arm-a", 20, 8 }, { "P2", "arm-a", 14, 10 }, { "P5", "arm-a", 15, null },
                { "P3", "arm-b", 18, 9 }, { "P4", "arm-b", 11, 3 } };
        for (Object[] p : plan) {
            String name = (String) p[0];
            String sub = unique("views-" + name);
            String code = unique(name);
            UUID pid = enroll(CLINICIAN, studyId, (String) p[1], todayUtc().minusDays(3), sub, code);
            patients.put(name, pid);
            subjects.put(name, sub);
            codes.put(name, code);
            recordEvent(CLINICIAN, pid, "session-1", todayUtc().minusDays(1));
            submitOwn(sub, unique("k"), submission("T0", "phq9", phq9((Integer) p[2], 0), t0)).statusCode(201);
            if (p[3] != null) {
                String id = submitOwn(sub, unique("k"), submission("T1", "phq9", phq9((Integer) p[3], 0), t1))
                        .statusCode(201).extract().path("id");
                if (name.equals("P4")) {
                    p4T1 = id;
                }
            }
        }
        p4T1Amended = clinician(CLINICIAN).contentType(ContentType.JSON)
                .body(Map.of("reason", "Paper form transcribed wrongly", "answers", phq9(12, 0)))
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", patients.get("P4"), p4T1)
                .then().statusCode(201)
                .body("supersedesId", equalTo(p4T1))
                .body("status", equalTo("current"))
                .body("score.total", equalTo(12))
                .body("timepointKey", equalTo("T1"))
                .body("amendmentReason", equalTo("Paper form transcribed wrongly"))
                .extract().path("id");
        // a BPI-SF response for P1, whose subscales JSON needs CSV quoting
        Map<String, Object> bpi = new LinkedHashMap<>();
        bpi.put("bpi_q1_pain_today", 1);
        bpi.put("bpi_q3_worst", 7);
        bpi.put("bpi_q4_least", 2);
        bpi.put("bpi_q5_average", 5);
        bpi.put("bpi_q6_now", 4);
        bpi.put("bpi_q8_relief_pct", 30);
        for (String item : List.of("a_general_activity", "b_mood", "c_walking_ability", "d_normal_work",
                "e_relations", "f_sleep", "g_enjoyment_of_life")) {
            bpi.put("bpi_q9" + item, 4);
        }
        bpi.put("bpi_q9g_enjoyment_of_life", 5);
        submitOwn(subjects.get("P1"), unique("k"), submission("T0", "bpi-sf", bpi, t0)).statusCode(201)
                .body("score.subscales.worst", equalTo(7))
                .body("score.band", equalTo("severe"));
    }

    @Test
    void amendmentSupersedesTheOriginalAndKeepsTheTrail() {
        JsonPath old = clinician(CLINICIAN).when()
                .get("/api/v1/patients/{pid}/responses/{rid}", patients.get("P4"), p4T1)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("superseded", old.getString("response.status"));
        assertEquals(p4T1Amended, old.getString("response.supersededById"));
        assertEquals(3, old.getInt("response.score.total"));
        assertEquals(List.of(p4T1, p4T1Amended), old.getList("trail.id"));
        // the patient's history shows the current version; the trail on request
        List<Integer> totals = ResponseApi.patient(subjects.get("P4")).when().get("/api/v1/me/responses")
                .then().statusCode(200).extract().path("items.score.total");
        assertEquals(List.of(12, 11), totals);
        List<String> all = ResponseApi.patient(subjects.get("P4")).queryParam("includeSuperseded", true)
                .when().get("/api/v1/me/responses").then().statusCode(200).extract().path("items.status");
        assertEquals(3, all.size());
        assertTrue(all.contains("superseded"));
        // an amended response cannot be amended again; its successor can
        clinician(CLINICIAN).contentType(ContentType.JSON)
                .body(Map.of("reason", "again", "answers", phq9(13, 0)))
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", patients.get("P4"), p4T1)
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("PRO-1503"));
        clinician(CLINICIAN).contentType(ContentType.JSON).body(Map.of("answers", phq9(13, 0)))
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", patients.get("P4"), p4T1Amended)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anAmendmentRetriedWithItsIdempotencyKeyIsStoredOnce() {
        UUID p2 = patients.get("P2");
        String t1 = clinician(CLINICIAN).queryParam("instrument", "phq9").when()
                .get("/api/v1/patients/{pid}/responses", p2).then().statusCode(200).extract().path("items[0].id");
        String key = unique("amend");
        Map<String, Object> body = Map.of("reason", "late correction", "answers", phq9(9, 1));
        String first = clinician(CLINICIAN).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", p2, t1)
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        String again = clinician(CLINICIAN).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", p2, t1)
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, again);
        clinician(CLINICIAN).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("reason", "other", "answers", phq9(8, 0)))
                .when().post("/api/v1/patients/{pid}/responses/{rid}/amendments", p2, t1)
                .then().statusCode(409).body("code", equalTo("PRO-1013"));
        // the corrected item 9 raised an alert for the amendment
        List<String> rules = clinician(CLINICIAN).queryParam("studyId", studyId).when().get("/api/v1/alerts")
                .then().statusCode(200).extract().path("items.findAll { it.responseId == '" + first + "' }.rule");
        assertEquals(List.of("item9_positive"), rules);
    }

    @Test
    void historyIsNewestFirstWithKeysetPages() {
        String sub = subjects.get("P1");
        JsonPath first = ResponseApi.patient(sub).queryParam("limit", 2).when().get("/api/v1/me/responses")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("T1", "T0"), first.getList("items.timepointKey"));
        String cursor = first.getString("nextCursor");
        assertNotNull(cursor);
        JsonPath second = ResponseApi.patient(sub).queryParam("limit", 2).queryParam("cursor", cursor)
                .when().get("/api/v1/me/responses").then().statusCode(200).extract().jsonPath();
        assertEquals(1, second.getList("items").size());
        assertNull(second.getString("nextCursor"));
        List<String> ids = new java.util.ArrayList<>(first.getList("items.id"));
        ids.addAll(second.getList("items.id"));
        assertEquals(3, new java.util.HashSet<>(ids).size());
        // filters: instrument, time
        assertEquals(1, clinician(CLINICIAN).queryParam("instrument", "bpi-sf")
                .when().get("/api/v1/patients/{pid}/responses", patients.get("P1"))
                .then().statusCode(200).extract().jsonPath().getList("items").size());
        assertEquals(1, clinician(CLINICIAN).queryParam("instrument", "phq9")
                .queryParam("from", Instant.now().minusSeconds(300).toString())
                .when().get("/api/v1/patients/{pid}/responses", patients.get("P1"))
                .then().statusCode(200).extract().jsonPath().getList("items").size());
        ResponseApi.patient(sub).queryParam("cursor", "not-a-cursor").when().get("/api/v1/me/responses")
                .then().statusCode(400).body("code", equalTo("PRO-1200"));
        // the history's cursor names its list; another list's cursor or a tampered one is the same 400
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        assertTrue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII)
                .startsWith("r1:"), "the response history's cursor version");
        for (String bad : List.of(b64.encodeToString(("l1:1:" + UUID.randomUUID()).getBytes()),
                b64.encodeToString("r1:1:not-a-uuid".getBytes()), b64.encodeToString("r1:x:1".getBytes()),
                cursor.substring(2))) {
            clinician(CLINICIAN).queryParam("cursor", bad)
                    .when().get("/api/v1/patients/{pid}/responses", patients.get("P1"))
                    .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("PRO-1200"))
                    .body("errors[0].field", equalTo("cursor")).body("errors[0].code", equalTo("invalid_cursor"));
        }
    }

    @Test
    void aHistoryPageWithoutAnswersIsTheSamePageWithNullAnswers() {
        for (boolean own : new boolean[] {true, false}) {
            java.util.function.Function<Boolean, JsonPath> page = answers -> (own
                    ? ResponseApi.patient(subjects.get("P1")).queryParam("answers", answers).queryParam("limit", 2)
                            .when().get("/api/v1/me/responses")
                    : clinician(CLINICIAN).queryParam("answers", answers).queryParam("limit", 2)
                            .when().get("/api/v1/patients/{pid}/responses", patients.get("P1")))
                    .then().statusCode(200).extract().jsonPath();
            JsonPath full = page.apply(true);
            JsonPath light = page.apply(false);
            List<Map<String, Object>> fullItems = full.getList("items");
            List<Map<String, Object>> lightItems = light.getList("items");
            assertEquals(2, lightItems.size());
            assertEquals(full.getString("nextCursor"), light.getString("nextCursor"), "the same pages");
            for (int i = 0; i < fullItems.size(); i++) {
                Map<String, Object> expected = new java.util.LinkedHashMap<>(fullItems.get(i));
                assertFalse(((Map<?, ?>) expected.get("answers")).isEmpty(), "a full page has the answers");
                expected.put("answers", null);
                assertEquals(expected, lightItems.get(i), "everything but the answers, scores included");
            }
        }
        clinician(CLINICIAN).queryParam("answers", "no").when().get("/api/v1/patients/{pid}/responses",
                patients.get("P1")).then().statusCode(400).body("errors[0].field", equalTo("answers"))
                .body("errors[0].code", equalTo("invalid_boolean"));
    }

    @Test
    void scoreSeriesShowsChangeFromBaselineWithSpecThresholds() {
        JsonPath s = clinician(CLINICIAN).queryParam("instrument", "phq9")
                .when().get("/api/v1/patients/{pid}/scores", patients.get("P1"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("T0", s.getString("baselineTimepoint"));
        assertEquals("present", s.getString("baselineStatus"));
        assertEquals(20, s.getInt("baseline.total"));
        assertEquals(List.of("T0", "T1"), s.getList("points.timepointKey"));
        assertEquals(12.0f, s.getFloat("points[1].change[0].reduction"));
        assertEquals(60.0f, s.getFloat("points[1].change[0].percentReduction"));
        assertTrue(s.getBoolean("points[1].change[0].thresholds.response_ge_50pct_reduction"));
        assertFalse(s.getBoolean("points[1].change[0].thresholds.remission_lt_5"));
        assertTrue(s.getBoolean("points[1].change[0].thresholds.mcid_ge_5_point_reduction"));
        assertEquals(0, s.getList("points[0].change").size());

        JsonPath bpi = clinician(CLINICIAN).queryParam("instrument", "bpi-sf")
                .when().get("/api/v1/patients/{pid}/scores", patients.get("P1"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("worst", "severityComposite", "interference"), bpi.getList("measures"));
        assertEquals(7, bpi.getInt("points[0].worst"));
        assertEquals(4.5f, bpi.getFloat("points[0].severityComposite"));

        // P5 has only a baseline; a patient without a baseline gets no change
        String sub = unique("views-nobase");
        UUID pid = enroll(CLINICIAN, studyId, "arm-a", todayUtc().minusDays(2), sub, unique("N"));
        recordEvent(CLINICIAN, pid, "session-1", todayUtc().minusDays(1));
        submitOwn(sub, unique("k"), submission("T1", "phq9", phq9(4, 0), Instant.now())).statusCode(201);
        JsonPath none = clinician(CLINICIAN).queryParam("instrument", "phq9")
                .when().get("/api/v1/patients/{pid}/scores", pid).then().statusCode(200).extract().jsonPath();
        assertEquals("missing", none.getString("baselineStatus"));
        assertEquals(0, none.getList("points[0].change").size());
        clinician(CLINICIAN).when().get("/api/v1/patients/{pid}/scores", pid).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void studySummaryReproducesHandComputedValues() {
        JsonPath s = clinician(CLINICIAN).queryParam("instrument", "phq9")
                .when().get("/api/v1/studies/{id}/summary", studyId).then().statusCode(200).extract().jsonPath();
        assertEquals("response_ge_50pct_reduction", s.getString("responderRule"));
        List<Map<String, Object>> rows = s.getList("rows");
        assertEquals(4, rows.size());
        Map<String, Object> aT0 = rows.get(0);
        assertEquals("arm-a", aT0.get("arm"));
        assertEquals("T0", aT0.get("timepointKey"));
        assertEquals(true, aT0.get("baseline"));
        assertEquals(3, aT0.get("n"));
        assertClose(49.0 / 3, aT0.get("mean"));
        assertClose(Math.sqrt(31.0 / 3), aT0.get("sd"));
        assertClose(15.0, aT0.get("median"));
        assertNull(aT0.get("meanChangeFromBaseline"));
        assertNull(aT0.get("responders"));
        Map<String, Object> aT1 = rows.get(1);
        assertEquals("T1", aT1.get("timepointKey"));
        assertEquals(2, aT1.get("n"));
        assertClose(9.0, aT1.get("mean"));
        assertClose(Math.sqrt(2), aT1.get("sd"));
        assertClose(9.0, aT1.get("median"));
        assertEquals(2, aT1.get("nWithBaseline"));
        assertClose(-8.0, aT1.get("meanChangeFromBaseline"));
        assertEquals(1, aT1.get("responders"));
        Map<String, Object> bT0 = rows.get(2);
        assertEquals("arm-b", bT0.get("arm"));
        assertClose(14.5, bT0.get("mean"));
        assertClose(Math.sqrt(24.5), bT0.get("sd"));
        Map<String, Object> bT1 = rows.get(3);
        assertClose(10.5, bT1.get("mean"));
        assertClose(Math.sqrt(4.5), bT1.get("sd"));
        assertClose(10.5, bT1.get("median"));
        assertClose(-4.0, bT1.get("meanChangeFromBaseline"));
        assertEquals(1, bT1.get("responders"), "P3 at exactly 50 % is a responder; P4's superseded 3 is not used");

        JsonPath bpi = clinician(CLINICIAN).queryParam("instrument", "bpi-sf")
                .when().get("/api/v1/studies/{id}/summary", studyId).then().statusCode(200).extract().jsonPath();
        assertEquals("interference", bpi.getString("measure"));
        assertEquals("immpact_bpi_interference_ge_1_point", bpi.getString("responderRule"));
        assertClose(29.0 / 7, bpi.getList("rows.mean").get(0));
        clinician(CLINICIAN).queryParam("instrument", "phq9").queryParam("measure", "worst")
                .when().get("/api/v1/studies/{id}/summary", studyId).then().statusCode(400);
    }

    @Test
    void csvExportParsesBackToOneRowPerCurrentResponse() throws Exception {
        String csv = clinician(CLINICIAN).when().get("/api/v1/studies/{id}/export.csv", studyId)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract().asString();
        assertTrue(csv.contains("\r\n"), "RFC 4180 line ends");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertEquals(CsvExportService.COLUMNS, records.get(0).getParser().getHeaderNames());
        assertEquals(10, records.size(), "5 T0 + 4 T1 PHQ-9 (one amended) + 1 BPI-SF");
        CSVRecord amended = records.stream().filter(r -> r.get("response_id").equals(p4T1Amended)).findFirst()
                .orElseThrow();
        assertEquals("true", amended.get("amended"));
        assertEquals(p4T1, amended.get("supersedes_id"));
        assertEquals("12", amended.get("total"));
        assertEquals(codes.get("P4"), amended.get("subject_code"));
        assertEquals("arm-b", amended.get("arm"));
        assertEquals("T1", amended.get("timepoint"));
        assertTrue(records.stream().noneMatch(r -> r.get("response_id").equals(p4T1)), "superseded rows are not exported");
        CSVRecord bpi = records.stream().filter(r -> r.get("instrument_id").equals("bpi-sf")).findFirst().orElseThrow();
        JsonNode subscales = JSON.readTree(bpi.get("subscales"));
        assertEquals(7, subscales.get("worst").asInt());
        assertEquals(29.0 / 7, subscales.get("interference").asDouble(), 1e-12);
        assertEquals("", bpi.get("total"));
        assertEquals("severe", bpi.get("band"));
        assertEquals("bpi-sf-scoring-1.0", bpi.get("scoring_version"), "the scoring version of the catalog's BPI-SF");
        assertEquals("1.0", bpi.get("instrument_version"));
        Instant.parse(bpi.get("completed_at"));
        Instant.parse(bpi.get("received_at"));
    }

    @Test
    void fhirBundleParsesBackWithLoincCodes() {
        String body = clinician(CLINICIAN).when().get("/api/v1/patients/{pid}/fhir", patients.get("P1"))
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/fhir+json"))
                .extract().asString();
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, body);
        assertEquals(Bundle.BundleType.COLLECTION, bundle.getType());
        List<QuestionnaireResponse> qrs = bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof QuestionnaireResponse)
                .map(e -> (QuestionnaireResponse) e.getResource()).toList();
        List<Observation> obs = bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation)
                .map(e -> (Observation) e.getResource()).toList();
        assertEquals(3, qrs.size());
        QuestionnaireResponse t0 = qrs.stream().filter(q -> q.getQuestionnaire().contains("/Questionnaire/phq9|1.0"))
                .filter(q -> q.getItem().stream().anyMatch(i -> i.getLinkId().equals("phq9_q7")
                        && ((Coding) i.getAnswerFirstRep().getValue()).getCode().equals("LA6570-1")))
                .findFirst().orElseThrow();
        Coding q1 = (Coding) t0.getItem().stream().filter(i -> i.getLinkId().equals("phq9_q1")).findFirst()
                .orElseThrow().getAnswerFirstRep().getValue();
        assertEquals("http://loinc.org", q1.getSystem());
        assertEquals("LA6571-9", q1.getCode());
        Observation total = obs.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals("44261-6")
                && o.getValueIntegerType().getValue() == 20).findFirst().orElseThrow();
        String t0FullUrl = bundle.getEntry().stream().filter(e -> e.getResource() == t0).findFirst().orElseThrow()
                .getFullUrl();
        String t0Id = t0.getIdElement().getIdPart();
        assertTrue(t0FullUrl.endsWith("/fhir/r4/QuestionnaireResponse/" + t0Id), t0FullUrl);
        assertEquals("QuestionnaireResponse/" + t0Id, total.getDerivedFromFirstRep().getReference());
        Observation interference = obs.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("77565-0")).findFirst().orElseThrow();
        assertEquals(29.0 / 7, interference.getValueQuantity().getValue().doubleValue(), 1e-9);
        QuestionnaireResponse bpiQr = qrs.stream().filter(q -> q.getQuestionnaire().contains("/bpi-sf|")).findFirst()
                .orElseThrow();
        assertTrue(bpiQr.getItem().stream().anyMatch(i -> i.getLinkId().equals("bpi_q3_worst")
                && i.getAnswerFirstRep().getValueIntegerType().getValue() == 7));
    }

    static void assertClose(double expected, Object actual) {
        assertNotNull(actual);
        assertEquals(expected, ((Number) actual).doubleValue(), 1e-6);
    }
}
