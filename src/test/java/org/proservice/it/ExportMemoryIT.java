package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.it.ItHttp.created;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/**
 * The analysis export is streamed: the packaged application, started with a 64 MB heap, exports 100,000 responses
 * (bulk-inserted with SQL) completely and stays up. An export that collected its rows in memory would need several
 * times that heap for the ~50 MB of CSV.
 */
class ExportMemoryIT {

    static final int RESPONSES = 100_000;
    static final int PATIENTS = 40;
    static final String ADMIN = "exp-it-admin";
    static final String CLINICIAN = "exp-it-clinician";

    final HttpClient http = HttpClient.newHttpClient();
    final ItHttp api = new ItHttp(http);

    @Test
    void hundredThousandResponsesExportWithASmallHeap() throws Exception {
        String schema = PackagedApplication.schema("_exp");
        PackagedApplication.dropSchema(schema);
        try (PackagedApplication app = PackagedApplication.start(schema, Map.of(), List.of("-Xmx64m"))) {
            String studyId = created(api.send(app, "POST", "/api/v1/studies", TestTokens.admin(ADMIN), Map.of(
                    "name", "Export memory study", "arms", List.of(Map.of("code", "arm-a", "label", "A")))))
                    .path("id").asText();
            created(api.send(app, "PUT", "/api/v1/studies/" + studyId + "/staff/" + CLINICIAN,
                    TestTokens.admin(ADMIN),
                    Map.of("role", "clinician")));
            created(api.send(app, "POST", "/api/v1/studies/" + studyId + "/protocol-versions", TestTokens.admin(ADMIN),
                    ItHttp.baselineProtocol()));
            for (int i = 0; i < PATIENTS; i++) {
                created(api.send(app, "POST", "/api/v1/studies/" + studyId + "/enrollments",
                        TestTokens.clinician(CLINICIAN), Map.of("subjectCode", "EXP-" + i,
                                "identitySubject", "exp-it-" + UUID.randomUUID(), "arm", "arm-a",
                                "enrollmentDate", LocalDate.now(ZoneOffset.UTC).minusDays(400).toString(),
                                "timeZone", "UTC")));
            }
            assertEquals(RESPONSES, load(schema, UUID.fromString(studyId)));

            HttpResponse<InputStream> export = http.send(HttpRequest.newBuilder(
                    app.uri("/api/v1/studies/" + studyId + "/exports/responses.csv?instrument=phq9"))
                    .header("Authorization", TestTokens.bearer(TestTokens.clinician(CLINICIAN))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, export.statusCode());
            long lines = 0;
            String header;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
                header = in.readLine();
                while (in.readLine() != null) {
                    lines++;
                }
            }
            assertTrue(header.contains("phq9_q1") && header.contains("change_total"), header);
            assertEquals(RESPONSES, lines, "every response, one line each");
            assertEquals(200, http.send(HttpRequest.newBuilder(app.uri("/q/health/live")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "the application is still up");
            assertFalse(String.join("\n", app.output()).contains("OutOfMemoryError"));
        }
    }

    /** Unscheduled PHQ-9 administrations spread over the patients, inserted in one statement. */
    static int load(String schema, UUID studyId) throws Exception {
        try (Connection c = DriverManager.getConnection(PackagedApplication.dbUrl(), PackagedApplication.dbUser(),
                PackagedApplication.dbPassword())) {
            c.createStatement().execute("SET search_path TO " + schema);
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH e AS (SELECT id, patient_id, row_number() OVER (ORDER BY id) - 1 AS n
                               FROM enrollment WHERE study_id = ?)
                    INSERT INTO response (id, patient_id, study_id, enrollment_id, timepoint_key, instrument_id,
                        instrument_version, mode, answers, completed_at, received_at, timing, submitted_by,
                        submitted_role, scoring_version, scorable, total, band, flags, subscales, score_detail)
                    SELECT gen_random_uuid(), e.patient_id, ?, e.id, NULL, 'phq9', '1.0', 'clinician_administered',
                        jsonb_build_object('phq9_q1', g % 4, 'phq9_q2', 1, 'phq9_q3', 1, 'phq9_q4', 1, 'phq9_q5', 1,
                            'phq9_q6', 1, 'phq9_q7', 1, 'phq9_q8', 1, 'phq9_q9', 0, 'phq9_difficulty', 1),
                        now() - make_interval(mins => g), now(), 'unscheduled', 'exp-it', 'clinician',
                        'phq9-scoring-1.0', true, 8 + g % 4, CASE WHEN g % 4 < 2 THEN 'mild' ELSE 'moderate' END,
                        '{}', '{}'::jsonb, '{}'::jsonb
                    FROM generate_series(1, ?) g JOIN e ON e.n = g % ?
                    """)) {
                ps.setObject(1, studyId);
                ps.setObject(2, studyId);
                ps.setInt(3, RESPONSES);
                ps.setInt(4, PATIENTS);
                return ps.executeUpdate();
            }
        }
    }



}
