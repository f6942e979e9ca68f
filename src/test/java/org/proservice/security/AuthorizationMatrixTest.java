package org.proservice.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;
import org.proservice.support.LogCapture;
import org.proservice.support.TestTokens;

/**
 * The authorization matrix, driven by the served OpenAPI document: every operation x {no token, every role,
 * own object, another caller's object, a missing object}. An operation without a rule in {@link #RULES} fails the
 * build, so no endpoint can escape it.
 *
 * <h2>Adding an endpoint</h2>
 * Add one line to {@link #RULES}: the operationId, the roles allowed, the scope and how to build a request for a
 * given target, e.g.
 * <pre>
 * rule("listPatientTasks", roles(CLINICIAN), Scope.PATIENT, t -&gt; req().path("pid", t.patient())),
 * rule("listMyTasks", roles(PATIENT), Scope.SELF, t -&gt; req()),
 * </pre>
 * {@code t.study()} / {@code t.patient()} give the caller's own study/patient, another caller's, or a random id,
 * depending on the case being run. If a request needs more facts (a response id of that patient, an alert), add a
 * helper to {@link Target} that creates them for {@code t.patient()} via {@link Fixtures} or the API.
 *
 * <h2>What is checked</h2>
 * <ul>
 * <li>no token: 401 problem; each role not allowed: 403 problem (code PRO-1009) and a denied audit row;</li>
 * <li>each allowed role on its own objects: not 401/403/404 and not 5xx;</li>
 * <li>{@code Scope.STUDY}/{@code Scope.PATIENT}: a missing id is 404 for every allowed role, and another caller's
 * object is 404 for the roles the policy scopes (all but admin for study configuration);</li>
 * <li>{@code /me} operations that name an object ({@code withForeignIds()}): another patient's object and a missing
 * one are 404 with a denied audit row;</li>
 * <li>paths with a parent and a child id ({@code withMixedPairs}): the own parent with another's child, and
 * another's parent with an own child, are 404;</li>
 * <li>operations on patient data ({@code Scope.PATIENT}, {@code Scope.SELF}): an allowed call leaves an
 * {@code allowed} audit row with its request id, a refused one a {@code denied} row.</li>
 * </ul>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    static final String PATIENT = Roles.PATIENT;
    static final String CLINICIAN = Roles.CLINICIAN;
    static final String ADMIN = Roles.ADMIN;
    static final List<String> ALL_ROLES = List.of(PATIENT, CLINICIAN, ADMIN);
    static final String PROBLEM = "application/problem+json";

    /**
     * NONE: no object in the path. SELF: the caller's own patient data (/me/...). STUDY: a study id in the path.
     * PATIENT: a patient id in the path.
     */
    enum Scope { NONE, SELF, STUDY, PATIENT }

    /**
     * Whose ids a request names. The mixed cases pair a parent id (patient, study) with a child id (response,
     * enrollment) of the other caller: the caller's own parent with another's child, and the reverse.
     */
    enum Case { OWN, OTHER, MISSING, OWN_PARENT_OTHER_CHILD, OTHER_PARENT_OWN_CHILD }

    // ---------------------------------------------------------------------------------------------------------
    // THE RULE TABLE: one line per operationId of the OpenAPI document.
    // ---------------------------------------------------------------------------------------------------------
    static final Map<String, Rule> RULES = rules(
            rule("whoAmI", roles(PATIENT, CLINICIAN, ADMIN), Scope.NONE, t -> req()),
            // instrument catalog and stateless scoring: any signed-in caller, no per-object access
            rule("listInstruments", roles(PATIENT, CLINICIAN, ADMIN), Scope.NONE, t -> req()),
            rule("getInstrumentDefinitionSchema", roles(PATIENT, CLINICIAN, ADMIN), Scope.NONE, t -> req()),
            rule("getInstrument", roles(PATIENT, CLINICIAN, ADMIN), Scope.NONE, t -> req().path("id", "phq9")),
            rule("getInstrumentQuestionnaire", roles(PATIENT, CLINICIAN, ADMIN), Scope.NONE,
                    t -> req().path("id", "gad7")),
            rule("scoreAnswers", roles(PATIENT, CLINICIAN, ADMIN), Scope.NONE, t -> req().path("id", "phq9").body("""
                    {"answers": {"phq9_q1": 2, "phq9_q2": 1, "phq9_q3": 1, "phq9_q4": 2, "phq9_q5": 0,
                                 "phq9_q6": 1, "phq9_q7": 0, "phq9_q8": 0, "phq9_q9": 0, "phq9_difficulty": 1}}""")),
            // studies, arms, staff
            rule("createStudy", roles(ADMIN), Scope.NONE, t -> req().body("""
                    {"name": "Matrix study", "arms": [{"code": "a", "label": "A"}]}""")),
            rule("listStudies", roles(ADMIN, CLINICIAN), Scope.NONE, t -> req()),
            rule("getStudy", roles(ADMIN, CLINICIAN), Scope.STUDY, t -> req().path("id", t.study()))
                    .unscopedFor(ADMIN),
            rule("putStudyStaff", roles(ADMIN), Scope.STUDY,
                    t -> req().path("id", t.study()).path("subject", "matrix-staff-" + UUID.randomUUID()))
                    .unscopedFor(ADMIN),
            rule("deleteStudyStaff", roles(ADMIN), Scope.STUDY,
                    t -> req().path("id", t.study()).path("subject", t.staffMemberOf(t.study())))
                    .unscopedFor(ADMIN),
            rule("listAuditEvents", roles(ADMIN), Scope.NONE, t -> req()),
            rule("createWebhookSubscription", roles(ADMIN), Scope.STUDY, t -> req().path("studyId", t.study())
                    .body("""
                            {"url": "https://matrix.example.invalid/hook", "secret": "whsec_YXV0aG9yaXphdGlvbi1tYXRyaXgtdDA4",
                             "eventTypes": ["alert.raised"]}""")).unscopedFor(ADMIN),
            rule("listWebhookSubscriptions", roles(ADMIN), Scope.STUDY, t -> req().path("studyId", t.study()))
                    .unscopedFor(ADMIN),
            rule("getWebhookSubscription", roles(ADMIN), Scope.STUDY, t -> t.webhookRequest()).unscopedFor(ADMIN),
            rule("deleteWebhookSubscription", roles(ADMIN), Scope.STUDY, t -> t.webhookRequest())
                    .unscopedFor(ADMIN),
            rule("rotateWebhookSecret", roles(ADMIN), Scope.STUDY,
                    t -> t.webhookRequest().body("{\"overlapMinutes\": 60}")).unscopedFor(ADMIN),
            rule("listWebhookDeliveries", roles(ADMIN), Scope.STUDY, t -> t.webhookRequest()).unscopedFor(ADMIN),
            rule("redeliverWebhookDelivery", roles(ADMIN), Scope.STUDY, t -> t.webhookDeliveryRequest())
                    .unscopedFor(ADMIN),
            // ---- responses, score views, exports, alerts (issue 6) ----
            rule("submitMyResponse", roles(PATIENT), Scope.SELF, t -> {
                t.patientWithProtocol(); // task T0 / gad7 of the fixture protocol (excuseTask uses T0 / phq9)
                return req().header("Idempotency-Key", UUID.randomUUID())
                        .body(ResponseBodies.submission("T0", "gad7", ResponseBodies.gad7()));
            }),
            rule("listMyResponses", roles(PATIENT), Scope.SELF, t -> req()),
            rule("getMyResponse", roles(PATIENT), Scope.SELF,
                    t -> req().path("rid", t.responseOf(t.childOwner()))).withForeignIds(),
            rule("submitPatientResponse", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patient())
                    .header("Idempotency-Key", UUID.randomUUID())
                    .body(ResponseBodies.submission(null, ResponseBodies.phq9(0)))),
            rule("listPatientResponses", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patient())),
            rule("getPatientResponse", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("pid", t.patient()).path("rid", t.responseOf(t.childOwner())))
                    .withMixedPairs(true),
            rule("amendResponse", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("pid", t.patient()).path("rid", t.responseOf(t.childOwner()))
                            .body(ResponseBodies.amendment())).withMixedPairs(true),
            rule("getScoreSeries", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("pid", t.patient()).query("instrument", "phq9")),
            rule("exportPatientFhir", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patient())),
            rule("listAlerts", roles(CLINICIAN), Scope.NONE, t -> req().query("status", "open")),
            rule("acknowledgeAlert", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("id", t.alertOf(t.patient(), false)).body("{\"note\": \"seen\"}")),
            rule("resolveAlert", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("id", t.alertOf(t.patient(), true)).body("{\"note\": \"done\"}")),
            rule("getStudySummary", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).query("instrument", "phq9")),
            rule("exportStudyCsv", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.study())),
            // reports: the study figure and the patient report
            rule("getStudySummaryFigure", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).query("instrument", "phq9")),
            rule("getPatientReport", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patient())),
            // ---- analysis exports (issue 14) ----
            rule("exportStudyResponsesWide", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).query("instrument", "phq9")),
            rule("exportStudyAnswersLong", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.study())),
            rule("exportStudyCodebook", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.study())),
            rule("exportStudySummaryCsv", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).query("instrument", "phq9")),
            // schedule: protocol versions, enrollments, time zones, events, tasks, adherence
            rule("publishProtocolVersion", roles(ADMIN), Scope.STUDY, t -> req().path("id", t.study()).body("""
                    {"migrateEnrolled": false, "anchors": ["session-1"], "timepoints": [
                      {"key": "T0", "label": "Baseline", "anchor": "enrollment", "offsetDays": 0,
                       "windowDaysBefore": 0, "windowDaysAfter": 7, "instruments": ["phq9"], "baseline": true}]}"""))
                    .unscopedFor(ADMIN),
            rule("listProtocolVersions", roles(ADMIN, CLINICIAN), Scope.STUDY, t -> req().path("id", t.study()))
                    .unscopedFor(ADMIN),
            rule("getProtocolVersion", roles(ADMIN, CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.studyWithProtocol()).path("version", 1))
                    .unscopedFor(ADMIN),
            rule("enrollPatient", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.studyWithProtocol()).body(
                    "{\"subjectCode\": \"MX-" + UUID.randomUUID().toString().substring(0, 8) + "\", "
                            + "\"identitySubject\": \"matrix-enrolled-" + UUID.randomUUID() + "\", "
                            + "\"arm\": \"arm-b\", \"enrollmentDate\": \"2026-03-02\", "
                            + "\"timeZone\": \"America/New_York\"}")),
            rule("listEnrollments", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.study())),
            rule("getEnrollment", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).path("enrollmentId", t.enrollment())).withMixedPairs(false),
            rule("changePatientTimeZone", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("pid", t.patient()).body("{\"timeZone\": \"Asia/Kolkata\"}")),
            rule("getPatientTimeZones", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patient())),
            rule("recordEvent", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patientWithProtocol())
                    .body("{\"anchor\": \"session-1\", \"date\": \"2026-03-10\"}")),
            rule("listEvents", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patient())),
            rule("listPatientTasks", roles(CLINICIAN), Scope.PATIENT,
                    t -> req().path("pid", t.patientWithProtocol()).query("status", "open")),
            rule("excuseTask", roles(CLINICIAN), Scope.PATIENT, t -> req().path("pid", t.patientWithProtocol())
                    .path("timepointKey", "T0").path("instrumentId", "phq9").body("{\"reason\": \"Matrix\"}")),
            rule("listMyTasks", roles(PATIENT), Scope.SELF, t -> req().query("status", "open")),
            rule("getMe", roles(PATIENT), Scope.SELF, t -> req()),
            rule("getMyScores", roles(PATIENT), Scope.SELF, t -> req()),
            rule("getPatientSettings", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.study())),
            rule("putPatientSettings", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.study()).body(
                    "{\"armVisible\": false, \"scoreInstruments\": [\"phq9\"], \"crisisMessage\": null}")),
            // invitations: a claim names no object (an unknown code is a 422); staff manage their studies' ones
            rule("claimInvitation", roles(PATIENT), Scope.NONE, t -> req().body("{\"code\": \"2222-2222-2222\"}")),
            rule("reissueInvitation", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).path("enrollmentId", t.enrollment())).withMixedPairs(false),
            rule("revokeInvitation", roles(CLINICIAN), Scope.STUDY,
                    t -> req().path("id", t.study()).path("enrollmentId", t.enrollment())).withMixedPairs(false),
            rule("getStudyAdherence", roles(CLINICIAN), Scope.STUDY, t -> req().path("id", t.studyWithProtocol())));

    // ---------------------------------------------------------------------------------------------------------

    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows auditRows;
    @Inject
    org.proservice.notify.NotifyTestSupport notify;

    World world;
    List<Operation> operations;
    LogCapture log;

    /** Lazily, inside a test: REST Assured points at the test port only once a test runs. */
    void setUp() throws Exception {
        if (world != null) {
            return;
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        world = new World(tag, fixtures);
        world.notify = notify;
        String json = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        operations = Operation.all(new ObjectMapper().readTree(json));
        log = LogCapture.install();
    }

    @AfterAll
    void releaseLog() {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void everyOperationOfTheOpenApiDocumentHasARule() throws Exception {
        setUp();
        assertFalse(operations.isEmpty(), "the OpenAPI document lists operations");
        List<String> missing = operations.stream().filter(o -> !RULES.containsKey(o.id()))
                .map(o -> o.method() + " " + o.path() + " (" + o.id() + ")").toList();
        assertTrue(missing.isEmpty(), "operations without an authorization rule in AuthorizationMatrixTest.RULES: "
                + missing);
    }

    @Test
    void everyRuleNamesAnOperationOfTheDocument() throws Exception {
        setUp();
        Set<String> ids = new TreeSet<>(operations.stream().map(Operation::id).toList());
        List<String> stale = RULES.keySet().stream().filter(id -> !ids.contains(id)).toList();
        assertTrue(stale.isEmpty(), "rules for operations that do not exist: " + stale);
    }

    @TestFactory
    Stream<DynamicTest> matrix() throws Exception {
        setUp();
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations) {
            Rule rule = RULES.get(op.id());
            if (rule == null) {
                continue; // reported by everyOperationOfTheOpenApiDocumentHasARule
            }
            String name = op.method() + " " + op.path() + " ";
            tests.add(DynamicTest.dynamicTest(name + "without a token is 401", () -> noToken(op, rule)));
            for (String role : ALL_ROLES) {
                if (!rule.roles().contains(role)) {
                    tests.add(DynamicTest.dynamicTest(name + "as " + role + " is 403", () -> wrongRole(op, rule, role)));
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name + "as " + role + " on own data is allowed",
                        () -> allowed(op, rule, role)));
                for (Case c : rule.refusedCases(role)) {
                    tests.add(DynamicTest.dynamicTest(name + "as " + role + " " + CASE_NAMES.get(c) + " is 404",
                            () -> notFound(op, rule, role, c)));
                }
            }
        }
        tests.add(DynamicTest.dynamicTest("no token or stack trace reached the log", () -> {
            for (String role : ALL_ROLES) {
                log.assertNoneContains(world.token(role));
            }
            log.assertNoStackTraces();
        }));
        return tests.stream();
    }

    void noToken(Operation op, Rule rule) {
        Response r = send(op, rule.request().apply(world.target(Case.OWN, CLINICIAN)), null, requestId());
        assertProblem(r, 401, "PRO-1008");
    }

    void wrongRole(Operation op, Rule rule, String role) throws InterruptedException {
        String requestId = requestId();
        Response r = send(op, rule.request().apply(world.target(Case.OWN, role)), world.token(role), requestId);
        assertProblem(r, 403, "PRO-1009");
        assertTrue(eventually(() -> auditRows.byRequestId(requestId).stream()
                .anyMatch(a -> a.outcome().equals("denied") && a.actorRole().equals(role))),
                op.id() + " refused a role without a denied audit event");
    }

    /** Role refusals may be audited off the request thread: wait for the row (no timing is asserted). */
    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    void allowed(Operation op, Rule rule, String role) {
        String requestId = requestId();
        Response r = send(op, rule.request().apply(world.target(Case.OWN, role)), world.token(role), requestId);
        int status = r.statusCode();
        assertFalse(status == 401 || status == 403 || status == 404 || status >= 500,
                op.id() + " as " + role + " on own data answered " + status + ": " + r.asString());
        if (rule.scope() == Scope.PATIENT || rule.scope() == Scope.SELF) {
            assertTrue(auditRows.byRequestId(requestId).stream().anyMatch(a -> a.outcome().equals("allowed")),
                    op.id() + " read or wrote patient data without an allowed audit event");
        }
    }

    static final Map<Case, String> CASE_NAMES = Map.of(
            Case.MISSING, "on a missing id",
            Case.OTHER, "on another's id",
            Case.OWN_PARENT_OTHER_CHILD, "on an own parent id with another's child id",
            Case.OTHER_PARENT_OWN_CHILD, "on another's parent id with an own child id");

    void notFound(Operation op, Rule rule, String role, Case target) {
        String requestId = requestId();
        Response r = send(op, rule.request().apply(world.target(target, role)), world.token(role), requestId);
        assertProblem(r, 404, "PRO-1003");
        // the own parent passes the access check; the child is then looked up under it and not found: that is
        // audited where the child is patient data (a response), not for an enrollment of the study
        boolean audited = target == Case.OWN_PARENT_OTHER_CHILD ? rule.mixedPairsAudited()
                : rule.scope() != Scope.NONE;
        if (audited) {
            assertTrue(auditRows.byRequestId(requestId).stream().anyMatch(a -> a.outcome().equals("denied")),
                    op.id() + " refused access without a denied audit event");
        }
    }

    static void assertProblem(Response r, int status, String code) {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith(PROBLEM), "content type " + r.contentType());
        assertEquals(code, r.path("code"), r.asString());
    }

    Response send(Operation op, Req req, String token, String requestId) {
        RequestSpecification spec = given().header("X-Request-Id", requestId);
        if (token != null) {
            spec.header("Authorization", TestTokens.bearer(token));
        }
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(op.path());
        while (m.find()) {
            if (!req.pathParams.containsKey(m.group(1))) {
                fail("the rule for " + op.id() + " gives no value for path parameter {" + m.group(1) + "}");
            }
        }
        spec.pathParams(req.pathParams).queryParams(req.queryParams).headers(req.headers);
        if (req.body != null) {
            spec.contentType("application/json").body(req.body);
        }
        return spec.request(op.method(), op.path());
    }

    static String requestId() {
        return "matrix-" + UUID.randomUUID();
    }

    // ---- /fhir/r4 -----------------------------------------------------------------------------------------------

    /**
     * The FHIR interface is left out of the OpenAPI document (FHIR clients read its CapabilityStatement), so its table
     * is kept here by hand: one line per read and search of patient data. Roles patient and clinician reach their own
     * patient's record; an admin reaches no patient data, so every one of these is 404 for an admin. Errors are
     * OperationOutcomes carrying the same codes as the rest of the API.
     */
    static final Map<String, Function<Target, String>> FHIR_PATIENT_DATA = fhirRules();

    static Map<String, Function<Target, String>> fhirRules() {
        Map<String, Function<Target, String>> rules = new LinkedHashMap<>();
        rules.put("read Patient", t -> "/fhir/r4/Patient/" + t.patient());
        rules.put("read QuestionnaireResponse", t -> "/fhir/r4/QuestionnaireResponse/" + t.responseOf(t.patient()));
        rules.put("read Observation", t -> "/fhir/r4/Observation/" + t.responseOf(t.patient()) + "-44261-6");
        rules.put("read Flag", t -> "/fhir/r4/Flag/" + t.alertOf(t.patient(), false));
        rules.put("search QuestionnaireResponse", t -> "/fhir/r4/QuestionnaireResponse?patient=" + t.patient());
        rules.put("search Observation", t -> "/fhir/r4/Observation?patient=" + t.patient());
        rules.put("search Flag", t -> "/fhir/r4/Flag?patient=" + t.patient());
        return rules;
    }

    @TestFactory
    Stream<DynamicTest> fhirMatrix() throws Exception {
        setUp();
        List<DynamicTest> tests = new ArrayList<>();
        FHIR_PATIENT_DATA.forEach((name, path) -> {
            tests.add(DynamicTest.dynamicTest("FHIR " + name + " without a token is 401",
                    () -> assertOutcome(fhirGet(path.apply(world.target(Case.OWN, PATIENT)), null), 401, "PRO-1008")));
            for (String role : List.of(PATIENT, CLINICIAN)) {
                tests.add(DynamicTest.dynamicTest("FHIR " + name + " as " + role + " on own data is allowed", () -> {
                    String requestId = requestId();
                    Response r = fhirGet(path.apply(world.target(Case.OWN, role)), role, requestId);
                    assertEquals(200, r.statusCode(), r.asString());
                    assertTrue(auditRows.byRequestId(requestId).stream().anyMatch(a -> a.outcome().equals("allowed")),
                            name + " read patient data without an allowed audit event");
                }));
                tests.add(DynamicTest.dynamicTest("FHIR " + name + " as " + role + " on another's id is 404", () -> {
                    String requestId = requestId();
                    assertOutcome(fhirGet(path.apply(world.target(Case.OTHER, role)), role, requestId), 404,
                            "PRO-1003");
                    assertTrue(auditRows.byRequestId(requestId).stream().anyMatch(a -> a.outcome().equals("denied")),
                            name + " refused access without a denied audit event");
                }));
                tests.add(DynamicTest.dynamicTest("FHIR " + name + " as " + role + " on a missing id is 404",
                        () -> assertOutcome(fhirGet(path.apply(world.target(Case.MISSING, role)), role, requestId()),
                                404, "PRO-1003")));
            }
            tests.add(DynamicTest.dynamicTest("FHIR " + name + " as admin is 404 (no patient data)",
                    () -> assertOutcome(fhirGet(path.apply(world.target(Case.OWN, ADMIN)), ADMIN, requestId()),
                            404, "PRO-1003")));
        });
        for (String role : List.of(CLINICIAN, ADMIN)) {
            tests.add(DynamicTest.dynamicTest("FHIR create QuestionnaireResponse as " + role + " is 403", () -> {
                Response r = given().header("Authorization", TestTokens.bearer(world.token(role)))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/fhir+json")
                        .body("{\"resourceType\": \"QuestionnaireResponse\"}").post("/fhir/r4/QuestionnaireResponse");
                assertOutcome(r, 403, "PRO-1009");
            }));
        }
        return tests.stream();
    }

    Response fhirGet(String path, String role) {
        return fhirGet(path, role, requestId());
    }

    Response fhirGet(String path, String role, String requestId) {
        RequestSpecification spec = given().header("X-Request-Id", requestId).accept("application/fhir+json")
                .urlEncodingEnabled(false);
        if (role != null) {
            spec.header("Authorization", TestTokens.bearer(world.token(role)));
        }
        return spec.get(path);
    }

    static void assertOutcome(Response r, int status, String code) {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/fhir+json"), "content type " + r.contentType());
        assertEquals("OperationOutcome", r.path("resourceType"), r.asString());
        assertEquals(code, r.path("issue[0].details.coding[0].code"), r.asString());
    }

    // ---- the world: two studies with one clinician and one patient each ------------------------------------

    /** Callers and objects: the caller's own study and patient (A), another caller's (B). */
    static final class World {
        final Fixtures fixtures;
        final String clinicianA;
        final String clinicianB;
        final String patientA;
        final String admin;
        final UUID studyA;
        final UUID studyB;
        final UUID patientIdA;
        final UUID patientIdB;
        final Map<String, String> tokens = new LinkedHashMap<>();
        org.proservice.notify.NotifyTestSupport notify;

        World(String tag, Fixtures fixtures) {
            this.fixtures = fixtures;
            clinicianA = "matrix-clin-a-" + tag;
            patientA = "matrix-pat-a-" + tag;
            admin = "matrix-admin-" + tag;
            studyA = fixtures.study("Matrix A " + tag, clinicianA);
            clinicianB = "matrix-clin-b-" + tag;
            studyB = fixtures.study("Matrix B " + tag, clinicianB);
            patientIdA = fixtures.enrolledPatient(studyA, patientA, "MA-" + tag);
            patientIdB = fixtures.enrolledPatient(studyB, "matrix-pat-b-" + tag, "MB-" + tag);
            tokens.put(PATIENT, TestTokens.patient(patientA));
            tokens.put(CLINICIAN, TestTokens.clinician(clinicianA));
            tokens.put(ADMIN, TestTokens.admin(admin));
        }

        /** The clinician token that may write for the patient (A's or B's); A's for a missing patient. */
        String staffTokenFor(UUID patient) {
            return TestTokens.clinician(patient.equals(patientIdB) ? clinicianB : clinicianA);
        }

        String token(String role) {
            return tokens.get(role);
        }

        Target target(Case c, String role) {
            return new Target(this, c, role);
        }
    }

    /** What a rule's request refers to in the case being run. */
    static final class Target {
        final World world;
        final Case c;
        final String role;

        Target(World world, Case c, String role) {
            this.world = world;
            this.c = c;
            this.role = role;
        }

        /** The study: the caller's own (A), another's (B) or a random id. */
        UUID study() {
            return switch (c) {
                case OWN, OWN_PARENT_OTHER_CHILD -> world.studyA;
                case OTHER, OTHER_PARENT_OWN_CHILD -> world.studyB;
                case MISSING -> UUID.randomUUID();
            };
        }

        /** The patient: the caller's own (A), another's (B) or a random id. */
        UUID patient() {
            return switch (c) {
                case OWN, OWN_PARENT_OTHER_CHILD -> world.patientIdA;
                case OTHER, OTHER_PARENT_OWN_CHILD -> world.patientIdB;
                case MISSING -> UUID.randomUUID();
            };
        }

        /**
         * The patient whose child object (response, enrollment) the request names: as {@link #patient()}, but the
         * other one in the mixed cases; for a missing object, the child helpers give a random id anyway.
         */
        UUID childOwner() {
            return switch (c) {
                case OWN, OTHER_PARENT_OWN_CHILD -> world.patientIdA;
                case OTHER, OWN_PARENT_OTHER_CHILD -> world.patientIdB;
                case MISSING -> UUID.randomUUID();
            };
        }

        boolean ownParent() {
            return c == Case.OWN || c == Case.OWN_PARENT_OTHER_CHILD;
        }

        /** Path {studyId}/{subscriptionId}: a webhook of the study (fresh each call), random ids for a missing one. */
        Req webhookRequest() {
            UUID studyId = study();
            UUID webhook = c == Case.MISSING ? UUID.randomUUID() : world.notify.subscriptionOf(studyId);
            return req().path("studyId", studyId).path("subscriptionId", webhook);
        }

        /** As {@link #webhookRequest()}, plus {deliveryId}: a finished delivery of that webhook. */
        Req webhookDeliveryRequest() {
            Req r = webhookRequest();
            UUID studyId = UUID.fromString((String) r.pathParams.get("studyId"));
            UUID webhook = UUID.fromString((String) r.pathParams.get("subscriptionId"));
            UUID delivery = c == Case.MISSING ? UUID.randomUUID() : world.notify.failedDeliveryOf(studyId, webhook);
            return r.path("deliveryId", delivery);
        }

        /** A fresh (unscheduled, clinician-administered) response of the patient; a random id for a missing one. */
        UUID responseOf(UUID patient) {
            if (c == Case.MISSING) {
                return UUID.randomUUID();
            }
            return ResponseBodies.unscheduledResponse(world.staffTokenFor(patient), patient, 0);
        }

        /** A fresh open (or acknowledged) alert of the patient; a random id for a missing one. */
        UUID alertOf(UUID patient, boolean acknowledged) {
            if (c == Case.MISSING) {
                return UUID.randomUUID();
            }
            return ResponseBodies.alert(world.staffTokenFor(patient), patient, acknowledged);
        }

        /** As {@link #study()}, making sure the caller's own study has a protocol version. */
        UUID studyWithProtocol() {
            if (ownParent()) {
                world.fixtures.protocolVersion(world.studyA);
            }
            return study();
        }

        /** As {@link #patient()}, making sure the caller's own patient's study has a protocol version. */
        UUID patientWithProtocol() {
            if (ownParent()) {
                world.fixtures.protocolVersion(world.studyA);
            }
            return patient();
        }

        /** The enrollment of {@link #childOwner()} (own or another's), or a random id. */
        UUID enrollment() {
            return c == Case.MISSING ? UUID.randomUUID() : world.fixtures.enrollmentOf(childOwner());
        }

        /** A subject that is staff of {@code studyId} (fresh each call), or a random subject for a missing study. */
        String staffMemberOf(UUID studyId) {
            String subject = "matrix-member-" + UUID.randomUUID();
            if (c != Case.MISSING) {
                world.fixtures.staff(studyId, subject);
            }
            return subject;
        }
    }

    // ---- rule table plumbing --------------------------------------------------------------------------------

    record Rule(String operationId, Set<String> roles, Scope scope, Function<Target, Req> request,
            Set<String> unscoped, boolean foreignIds, boolean mixedPairs, boolean mixedPairsAudited) {
        /** The role reaches every object of this kind (an admin configures every study): no "another's" case. */
        Rule unscopedFor(String... unscopedRoles) {
            return new Rule(operationId, roles, scope, request, Set.of(unscopedRoles), foreignIds, mixedPairs,
                    mixedPairsAudited);
        }

        /** A {@code /me} operation whose path names an object: another patient's or a missing one is a 404. */
        Rule withForeignIds() {
            return new Rule(operationId, roles, scope, request, unscoped, true, mixedPairs, mixedPairsAudited);
        }

        /**
         * The path pairs a parent id with a child id: both mixed pairs are 404s; {@code audited} when the
         * refusal of another's child under the own parent leaves a denied audit row (patient data).
         */
        Rule withMixedPairs(boolean audited) {
            return new Rule(operationId, roles, scope, request, unscoped, foreignIds, true, audited);
        }

        /** The cases that must be 404 for an allowed role. */
        List<Case> refusedCases(String role) {
            List<Case> cases = new ArrayList<>();
            if (scope == Scope.STUDY || scope == Scope.PATIENT || foreignIds) {
                cases.add(Case.MISSING);
                if (!unscoped.contains(role)) {
                    cases.add(Case.OTHER);
                }
            }
            if (mixedPairs && !unscoped.contains(role)) {
                cases.add(Case.OWN_PARENT_OTHER_CHILD);
                cases.add(Case.OTHER_PARENT_OWN_CHILD);
            }
            return cases;
        }
    }

    static Rule rule(String operationId, Set<String> roles, Scope scope, Function<Target, Req> request) {
        return new Rule(operationId, roles, scope, request, Set.of(), false, false, false);
    }

    static Set<String> roles(String... roles) {
        return Set.of(roles);
    }

    static Map<String, Rule> rules(Rule... rules) {
        Map<String, Rule> map = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (map.put(r.operationId(), r) != null) {
                throw new IllegalStateException("two rules for " + r.operationId());
            }
        }
        return map;
    }

    static Req req() {
        return new Req();
    }

    /** A request under construction: path and query parameters and an optional JSON body. */
    static final class Req {
        final Map<String, Object> pathParams = new LinkedHashMap<>();
        final Map<String, Object> queryParams = new LinkedHashMap<>();
        final Map<String, Object> headers = new LinkedHashMap<>();
        String body;

        Req header(String name, Object value) {
            headers.put(name, String.valueOf(value));
            return this;
        }

        Req path(String name, Object value) {
            pathParams.put(name, String.valueOf(value));
            return this;
        }

        Req query(String name, Object value) {
            queryParams.put(name, String.valueOf(value));
            return this;
        }

        Req body(String json) {
            body = json;
            return this;
        }
    }

    /** One operation of the OpenAPI document. */
    record Operation(String method, String path, String id) {
        static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

        static List<Operation> all(JsonNode document) {
            List<Operation> list = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (!METHODS.contains(method.getKey())) {
                        continue;
                    }
                    String id = method.getValue().path("operationId").asText("");
                    list.add(new Operation(method.getKey().toUpperCase(), path.getKey(),
                            id.isEmpty() ? "<no operationId> " + method.getKey() + " " + path.getKey() : id));
                }
            }
            return list;
        }
    }
}
