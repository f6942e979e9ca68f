package org.proservice.response;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.response.ResponseApi.clinician;
import static org.proservice.response.ResponseApi.phq9;
import static org.proservice.response.ResponseApi.recordEvent;
import static org.proservice.response.ResponseApi.submission;
import static org.proservice.response.ResponseApi.submitFor;
import static org.proservice.response.ResponseApi.todayUtc;
import static org.proservice.response.ResponseApi.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;

/** The analysis exports of a study: wide per instrument, long, codebook, summary; audited per patient. */
@QuarkusTest
class AnalysisExportTest {

    static final String CLINICIAN = "resp-export-clin";
    static final LocalDate TODAY = todayUtc();

    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows auditRows;

    UUID studyId;
    UUID valid;
    UUID late;
    UUID silent;

    UUID enroll(String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("subjectCode", code);
        body.put("identitySubject", unique("pat"));
        body.put("arm", "arm-a");
        body.put("enrollmentDate", TODAY.minusDays(30).toString());
        body.put("timeZone", "UTC");
        return UUID.fromString(clinician(CLINICIAN).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/enrollments", studyId).then().statusCode(201)
                .extract().path("patientId"));
    }

    static Instant daysAgo(int days) {
        return TODAY.minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    void submit(UUID patient, String timepoint, String instrument, Map<String, Object> answers, Instant at) {
        submitFor(CLINICIAN, patient, unique("k"), submission(timepoint, instrument, answers, at)).statusCode(201);
    }

    @BeforeEach
    void setUp() {
        studyId = ResponseApi.study(fixtures, CLINICIAN, "accept_marked_late");
        valid = enroll("A-1");
        late = enroll(unique("L"));
        silent = enroll(unique("S")); // enrolled, never answered: not in any export
        recordEvent(CLINICIAN, valid, "session-1", TODAY.minusDays(20));
        recordEvent(CLINICIAN, late, "session-1", TODAY.minusDays(20));
        Map<String, Object> partial = new LinkedHashMap<>(phq9(20, 0));
        partial.put("phq9_q8", null);
        submit(valid, "T0", "phq9", partial, daysAgo(25));
        submit(valid, "T1", "phq9", phq9(8, 0), daysAgo(18));
        submit(valid, "T0", "gad7", Map.of("gad7_q1", 3, "gad7_q2", 2), daysAgo(25));
        submit(late, "T1", "phq9", phq9(6, 0), daysAgo(18));
        submit(late, "T0", "phq9", phq9(15, 0), daysAgo(1));
    }

    static List<Map<String, String>> csv(String text) {
        List<List<String>> rows = Rfc4180.parse(text);
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size(), "every row has every column");
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), row.get(i));
            }
            out.add(m);
        }
        return out;
    }

    Response get(String path, String instrument) {
        var req = clinician(CLINICIAN);
        if (instrument != null) {
            req = req.queryParam("instrument", instrument);
        }
        return req.when().get("/api/v1/studies/{id}/exports/" + path, studyId).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().response();
    }

    static List<String> catalogItems(String instrument) {
        return clinician(CLINICIAN).when().get("/api/v1/instruments/{id}", instrument).then().statusCode(200)
                .extract().path("items.id");
    }

    @Test
    void wideExportHasOneColumnPerCatalogItemScoresBaselineStatusAndChange() {
        String body = get("responses.csv", "phq9").asString();
        List<String> header = Rfc4180.parse(body).get(0);
        List<String> items = catalogItems("phq9");
        assertTrue(header.containsAll(items), "a column per item of the catalog: " + header);
        assertEquals(header.indexOf(items.get(0)) + items.size() - 1, header.indexOf(items.get(items.size() - 1)),
                "items in form order, side by side");
        List<Map<String, String>> rows = csv(body);
        assertEquals(4, rows.size(), "current phq9 responses only");

        Map<String, String> base = only(rows, "A-1", "T0");
        assertEquals("", base.get("phq9_q8"), "unanswered is empty");
        assertEquals("3", base.get("phq9_q1"));
        assertEquals("true", base.get("is_baseline"));
        assertEquals("valid", base.get("baseline_status"));
        assertEquals("", base.get("change_total"));
        Map<String, String> followUp = only(rows, "A-1", "T1");
        assertEquals("8", followUp.get("total"));
        assertEquals("mild", followUp.get("band"));
        assertEquals("on_time", followUp.get("timing"));
        int baseTotal = Integer.parseInt(base.get("total"));
        assertEquals(Integer.toString(8 - baseTotal), followUp.get("change_total"));

        String lateCode = rows.stream().filter(r -> !r.get("subject_code").equals("A-1")).findFirst().orElseThrow()
                .get("subject_code");
        Map<String, String> lateBase = only(rows, lateCode, "T0");
        assertEquals("after_treatment_start", lateBase.get("baseline_status"));
        assertEquals("true", lateBase.get("late"));
        Map<String, String> lateFollowUp = only(rows, lateCode, "T1");
        assertEquals("after_treatment_start", lateFollowUp.get("baseline_status"));
        assertEquals("", lateFollowUp.get("change_total"), "no change from a baseline taken after treatment started");
    }

    @Test
    void longExportHasOneRowPerStoredAnswerOfEveryInstrument() {
        List<Map<String, String>> rows = csv(get("answers.csv", null).asString());
        assertEquals(10 + 10 + 2 + 10 + 10, rows.size());
        assertEquals(Set.of("phq9", "gad7"), new TreeSet<>(rows.stream().map(r -> r.get("instrument_id")).toList()));
        Map<String, String> q8 = rows.stream().filter(r -> r.get("subject_code").equals("A-1")
                && r.get("timepoint").equals("T0") && r.get("item_id").equals("phq9_q8")).findFirst().orElseThrow();
        assertEquals("", q8.get("value"));
        assertTrue(rows.stream().anyMatch(r -> r.get("item_id").equals("gad7_q1") && r.get("value").equals("3")));
    }

    @Test
    void codebookIsDerivedFromTheInstrumentCatalog() {
        List<Map<String, String>> rows = csv(get("codebook.csv", null).asString());
        List<String> instruments = clinician(CLINICIAN).when().get("/api/v1/instruments").then().statusCode(200)
                .extract().path("id");
        for (String instrument : instruments) {
            for (String item : catalogItems(instrument)) {
                assertTrue(rows.stream().anyMatch(r -> r.get("instrument").equals(instrument)
                        && r.get("variable").equals(item)), "codebook row for " + item);
            }
        }
        Map<String, String> q1 = rows.stream().filter(r -> r.get("variable").equals("phq9_q1")).findFirst()
                .orElseThrow();
        List<Map<String, Object>> options = clinician(CLINICIAN).when().get("/api/v1/instruments/phq9").then()
                .extract().path("items[0].options");
        assertEquals(options.stream().map(o -> o.get("value") + "=" + o.get("label")).toList(),
                List.of(q1.get("codes").split(";")));
        Map<String, String> total = rows.stream().filter(r -> r.get("instrument").equals("phq9")
                && r.get("variable").equals("total")).findFirst().orElseThrow();
        assertEquals("0", total.get("min"));
        assertEquals("27", total.get("max"));
        assertEquals(1, csv(get("codebook.csv", "gad7").asString()).stream()
                .filter(r -> r.get("variable").equals("total")).count(), "one instrument when asked");
    }

    @Test
    void summaryCsvHasTheRowsOfTheSummaryWithTheExcludedBaselines() {
        List<Map<String, String>> rows = csv(get("summary.csv", "phq9").asString());
        Map<String, String> t1 = rows.stream().filter(r -> r.get("timepoint").equals("T1")).findFirst().orElseThrow();
        assertEquals("2", t1.get("n"));
        assertEquals("1", t1.get("n_with_baseline"));
        assertEquals("1", t1.get("baselines_excluded_after_treatment_start"));
        assertEquals("response_ge_50pct_reduction", t1.get("responder_rule"));
        clinician(CLINICIAN).queryParam("instrument", "phq9").when().get("/api/v1/studies/{id}/summary", studyId)
                .then().body("rows.find { it.timepointKey == 'T1' }.meanChangeFromBaseline",
                        equalTo(Float.parseFloat(t1.get("mean_change_from_baseline"))));
    }

    @Test
    void everyExportIsAuditedWithThePatientsItContained() {
        for (String[] export : new String[][] { { "responses.csv", "phq9" }, { "answers.csv", null } }) {
            Response r = get(export[0], export[1]);
            List<AuditRows.Row> all = auditRows.byRequestId(r.header("X-Request-Id"));
            List<AuditRows.Row> audit = all.stream().filter(a -> a.patientId() != null).toList();
            assertEquals(Set.of(valid, late), new TreeSet<>(audit.stream().map(AuditRows.Row::patientId).toList()),
                    "one row per exported patient, none for the patient without responses");
            assertEquals(2, audit.size());
            assertEquals(3, all.size(), "plus one row for the study");
            assertTrue(all.stream().filter(a -> a.patientId() == null).findFirst().orElseThrow().detail()
                    .contains("\"patients\": 2"));
            all.forEach(a -> {
                assertEquals("export", a.action());
                assertEquals("allowed", a.outcome());
                assertEquals(studyId, a.studyId());
                assertEquals(CLINICIAN, a.actorSubject());
            });
        }
        Response gad7 = get("responses.csv", "gad7");
        assertEquals(List.of(valid), auditRows.byRequestId(gad7.header("X-Request-Id")).stream()
                .map(AuditRows.Row::patientId).filter(java.util.Objects::nonNull).toList());
        Response old = clinician(CLINICIAN).when().get("/api/v1/studies/{id}/export.csv", studyId).then()
                .statusCode(200).extract().response();
        assertEquals(2, auditRows.byRequestId(old.header("X-Request-Id")).stream()
                .filter(a -> a.patientId() != null).count());
    }

    @Test
    void exportsNeedAKnownInstrumentAndStudyStaff() {
        clinician(CLINICIAN).queryParam("instrument", "nope").when()
                .get("/api/v1/studies/{id}/exports/responses.csv", studyId).then().statusCode(400)
                .body("code", equalTo("PRO-1002")).body("errors[0].field", equalTo("instrument"));
        clinician(CLINICIAN).when().get("/api/v1/studies/{id}/exports/responses.csv", studyId).then()
                .statusCode(400);
        clinician("resp-export-outsider").queryParam("instrument", "phq9").when()
                .get("/api/v1/studies/{id}/exports/responses.csv", studyId).then().statusCode(404);
    }

    /** The README's two-line Python snippet reads the export with the codebook's labels. */
    @Test
    void readmeSnippetLabelsTheExportWithTheCodebook() throws Exception {
        Assumptions.assumeTrue(python3(), "python3 is not installed");
        Path dir = Files.createTempDirectory("export-snippet");
        Files.writeString(dir.resolve("codebook.csv"), get("codebook.csv", "phq9").asString());
        Files.writeString(dir.resolve("phq9.csv"), get("responses.csv", "phq9").asString());
        String snippet = readmeSnippet();
        Process p = new ProcessBuilder("python3", "-c", snippet + "\nprint(rows[0]['phq9_q1'])")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), out);
        List<String> labels = clinician(CLINICIAN).when().get("/api/v1/instruments/phq9").then()
                .extract().path("items[0].options.label");
        assertTrue(labels.contains(out), "a label, not a code: " + out);
    }

    static String readmeSnippet() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```python\n", readme.indexOf("### Analysis exports"));
        assertTrue(start > 0, "README has the python snippet under 'Analysis exports'");
        return readme.substring(start + 10, readme.indexOf("```", start + 10));
    }

    static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    static Map<String, String> only(List<Map<String, String>> rows, String subject, String timepoint) {
        List<Map<String, String>> found = rows.stream().filter(r -> r.get("subject_code").equals(subject)
                && r.get("timepoint").equals(timepoint)).toList();
        assertEquals(1, found.size(), subject + " " + timepoint);
        return found.get(0);
    }
}
