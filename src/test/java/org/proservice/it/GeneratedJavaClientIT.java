package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.proservice.client.ApiClient;
import org.proservice.client.ApiException;
import org.proservice.client.ApiResponse;
import org.proservice.client.api.InstrumentsApi;
import org.proservice.client.api.ReportsApi;
import org.proservice.client.api.ResponsesApi;
import org.proservice.client.api.ScheduleApi;
import org.proservice.client.api.StudiesApi;
import org.proservice.client.model.Enrollment;
import org.proservice.client.model.InstrumentSummary;
import org.proservice.client.model.NewArm;
import org.proservice.client.model.NewEnrollment;
import org.proservice.client.model.NewProtocolVersion;
import org.proservice.client.model.NewStudy;
import org.proservice.client.model.Response;
import org.proservice.client.model.ResponseAmendment;
import org.proservice.client.model.ResponsePage;
import org.proservice.client.model.ResponseSubmission;
import org.proservice.client.model.ScorePoint;
import org.proservice.client.model.ScoreSeries;
import org.proservice.client.model.StaffAssignment;
import org.proservice.client.model.Study;
import org.proservice.client.model.TimepointDefinition;
import org.proservice.support.TestTokens;

/**
 * Issue 17, "proof in the build": the Java client that openapi-generator (library native) generates from the
 * committed openapi/openapi.yaml during {@code ./mvnw verify} drives the packaged service through the main flow,
 * and what goes in comes back out: answers intact (an unanswered item as null), scores right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedJavaClientIT {

    static final String ADMIN = "itc-admin";
    static final String CLINICIAN = "itc-clinician";
    static final String ZONE = "Europe/Berlin";

    PackagedApplication app;
    final String patientSubject = "itc-patient-" + UUID.randomUUID();

    @BeforeAll
    void startThePackagedService() throws Exception {
        String schema = PackagedApplication.schema("_itc");
        PackagedApplication.dropSchema(schema);
        app = PackagedApplication.start(schema, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    /** A client of the generated code for one caller: base URL of the packaged service, its bearer token. */
    ApiClient clientFor(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(app.uri("").toString());
        client.setRequestInterceptor(request -> request.header("Authorization", TestTokens.bearer(token)));
        return client;
    }

    @Test
    void generatedClientRunsTheMainFlowAndEveryValueRoundTrips() throws Exception {
        ApiClient admin = clientFor(TestTokens.admin(ADMIN));
        ApiClient clinician = clientFor(TestTokens.clinician(CLINICIAN));
        ApiClient patient = clientFor(TestTokens.patient(patientSubject));

        // An admin creates the study, makes the clinician staff and publishes the protocol.
        StudiesApi studies = new StudiesApi(admin);
        Study study = studies.createStudy(new NewStudy().name("Generated client " + UUID.randomUUID())
                .arms(List.of(new NewArm().code("arm-a").label("Arm A"))));
        assertEquals(List.of("arm-a"), study.getArms().stream().map(a -> a.getCode()).toList());
        assertEquals("clinician", studies.putStudyStaff(study.getId(), CLINICIAN,
                new StaffAssignment().role(StaffAssignment.RoleEnum.CLINICIAN)).getRole().getValue());
        assertEquals(1, studies.publishProtocolVersion(study.getId(), protocol()).getVersion());

        // The clinician enrolls the patient today.
        Enrollment enrollment = new ScheduleApi(clinician).enrollPatient(study.getId(), new NewEnrollment()
                .subjectCode("ITC-" + UUID.randomUUID().toString().substring(0, 8)).identitySubject(patientSubject)
                .arm("arm-a").enrollmentDate(LocalDate.now(ZoneId.of(ZONE))).timeZone(ZONE));
        UUID patientId = enrollment.getPatientId();

        // The patient submits the baseline (every item answered) and a follow-up with item 8 unanswered.
        ResponsesApi patientResponses = new ResponsesApi(patient);
        Map<String, Integer> baselineAnswers = phq9(2, 1, 1, 2, 0, 1, 0, 1, 0);
        Response baseline = patientResponses.submitMyResponse("itc-" + UUID.randomUUID(),
                submission("T0", baselineAnswers, 120));
        assertEquals(baselineAnswers, baseline.getAnswers(), "the answers come back as sent");
        assertEquals(8, baseline.getScore().getTotal());
        assertEquals("mild", baseline.getScore().getBand());

        Map<String, Integer> followUpAnswers = phq9(1, 1, 0, 1, 0, 0, 0, null, 0);
        Response followUp = patientResponses.submitMyResponse("itc-" + UUID.randomUUID(),
                submission("T1", followUpAnswers, 60));
        assertEquals(followUpAnswers, followUp.getAnswers(), "an unanswered item comes back as null");
        assertEquals(3, followUp.getScore().getRawSum());
        assertEquals(3.375, followUp.getScore().getProratedUnrounded(), 1e-9);
        assertEquals(3, followUp.getScore().getTotal(), "3 x 9 / 8 = 3.375, reported 3");
        assertTrue(followUp.getScore().getFlags().contains("prorated"), followUp.getScore().getFlags().toString());

        // The clinician reads the score series: baseline 8, follow-up 3, a reduction of 5.
        ReportsApi reports = new ReportsApi(clinician);
        ScoreSeries series = reports.getScoreSeries(patientId, "phq9", study.getId());
        assertEquals(List.of(8, 3), series.getPoints().stream().map(ScorePoint::getTotal).toList());
        assertEquals("T0", series.getBaselineTimepoint());
        ScorePoint last = series.getPoints().get(1);
        assertEquals(5.0, last.getChange().get(0).getReduction(), 1e-9);

        // The patient pages the history, one response per page, newest first.
        ResponsePage first = patientResponses.listMyResponses(null, null, null, null, "phq9", 1, null);
        assertEquals(List.of(followUp.getId()), first.getItems().stream().map(Response::getId).toList());
        assertNotNull(first.getNextCursor(), "a second page follows");
        ResponsePage second = patientResponses.listMyResponses(null, first.getNextCursor(), null, null, "phq9", 1,
                null);
        assertEquals(List.of(baseline.getId()), second.getItems().stream().map(Response::getId).toList());
        assertEquals(baselineAnswers, second.getItems().get(0).getAnswers());
        assertNull(second.getNextCursor(), "the last page says so");
        // The lighter page (answers=false) reads into the same model: the scores, and answers null.
        ResponsePage light = patientResponses.listMyResponses(false, null, null, null, "phq9", 2, null);
        assertEquals(List.of(followUp.getId(), baseline.getId()),
                light.getItems().stream().map(Response::getId).toList());
        assertNull(light.getItems().get(1).getAnswers());
        assertEquals(8, light.getItems().get(1).getScore().getTotal());

        // The clinician amends the baseline: item 1 was 3, not 2. The correction supersedes it.
        Map<String, Integer> corrected = new LinkedHashMap<>(baselineAnswers);
        corrected.put("phq9_q1", 3);
        Response amended = new ResponsesApi(clinician).amendResponse(patientId, baseline.getId(),
                new ResponseAmendment().reason("Paper form: item 1 misread").answers(corrected),
                "itc-" + UUID.randomUUID());
        assertEquals(corrected, amended.getAnswers());
        assertEquals(baseline.getId(), amended.getSupersedesId());
        assertEquals(9, amended.getScore().getTotal());
        ScoreSeries after = reports.getScoreSeries(patientId, "phq9", study.getId());
        assertEquals(List.of(9, 3), after.getPoints().stream().map(ScorePoint::getTotal).toList());
        assertTrue(after.getPoints().get(0).getAmended(), "the baseline point is the amended response");
    }

    @Test
    void generatedClientSendsIfNoneMatchAndTheCatalogAnswers304() throws Exception {
        InstrumentsApi instruments = new InstrumentsApi(clientFor(TestTokens.patient(patientSubject)));
        ApiResponse<List<InstrumentSummary>> catalog = instruments.listInstrumentsWithHttpInfo(null);
        assertEquals(200, catalog.getStatusCode());
        assertTrue(catalog.getData().stream().anyMatch(i -> "phq9".equals(i.getId())), catalog.getData().toString());
        String etag = catalog.getHeaders().get("etag").get(0);
        assertFalse(etag.isBlank());

        // The native client treats every status outside 2xx as an ApiException: a 304 arrives as one, with code
        // and headers (docs/api-contract.md).
        ApiException notModified = assertThrows(ApiException.class, () -> instruments.listInstruments(etag));
        assertEquals(304, notModified.getCode());
        assertEquals(etag, notModified.getResponseHeaders().firstValue("etag").orElseThrow());
        assertTrue(notModified.getResponseHeaders().firstValue("cache-control").isPresent());
    }

    static NewProtocolVersion protocol() {
        return new NewProtocolVersion().anchors(List.of())
                .timepoints(List.of(timepoint("T0", true), timepoint("T1", false)))
                .lateSubmissions(NewProtocolVersion.LateSubmissionsEnum.ACCEPT_MARKED_LATE);
    }

    /** Due at enrollment, open from that day through 7 days after. */
    static TimepointDefinition timepoint(String key, boolean baseline) {
        return new TimepointDefinition().key(key).label(key).anchor("enrollment").offsetDays(0)
                .windowDaysBefore(0).windowDaysAfter(7).instruments(List.of("phq9")).baseline(baseline);
    }

    static ResponseSubmission submission(String timepoint, Map<String, Integer> answers, int secondsAgo) {
        return new ResponseSubmission().timepointKey(timepoint).instrumentId("phq9").instrumentVersion("1.0")
                .answers(answers).completedAt(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(secondsAgo));
    }

    /** Items 1-9 as given (null = unanswered) and difficulty 1. */
    static Map<String, Integer> phq9(Integer... items) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            answers.put("phq9_q" + (i + 1), items[i]);
        }
        answers.put("phq9_difficulty", 1);
        return answers;
    }
}
