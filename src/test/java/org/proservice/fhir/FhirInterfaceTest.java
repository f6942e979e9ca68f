package org.proservice.fhir;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/** /fhir/r4 driven by HAPI FHIR's generic client, as an integrator would; every resource validated with HAPI. */
@QuarkusTest
class FhirInterfaceTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String BASE = "https://pro-service.invalid/fhir";

    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows audit;

    static IGenericClient client(String token) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + RestAssured.port + "/fhir/r4");
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    static void assertAllValid(List<? extends IBaseResource> resources) {
        for (IBaseResource r : resources) {
            PatientBundleTest.validation().assertValid(FHIR.newJsonParser().encodeResourceToString(r));
        }
    }

    /** Every page of a search, following the next links with the client. */
    static List<Bundle> pages(IGenericClient client, Bundle first) {
        List<Bundle> pages = new ArrayList<>();
        Bundle page = first;
        pages.add(page);
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = client.loadPage().next(page).execute();
            pages.add(page);
        }
        return pages;
    }

    @Test
    void clinicianSearchesPagesAndReadsWithTheGenericClientAndEverythingValidates() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        IGenericClient client = client(TestTokens.clinician(s.clinician));
        Bundle first = client.search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.PATIENT.hasId("Patient/" + s.patientId)).count(3)
                .returnBundle(Bundle.class).execute();
        assertEquals(4, first.getTotal());
        List<Bundle> pages = pages(client, first);
        assertEquals(2, pages.size());
        List<IBaseResource> all = new ArrayList<>(pages);
        List<QuestionnaireResponse> qrs = new ArrayList<>();
        pages.forEach(p -> p.getEntry().forEach(e -> qrs.add((QuestionnaireResponse) e.getResource())));
        assertEquals(4, qrs.size());
        // newest first by default: the T1 PHQ-9 was authored last
        assertEquals(s.responseIds.get(3), qrs.get(0).getIdElement().getIdPart());
        for (QuestionnaireResponse qr : qrs) {
            QuestionnaireResponse read = client.read().resource(QuestionnaireResponse.class)
                    .withId(qr.getIdElement().getIdPart()).execute();
            assertEquals(qr.getQuestionnaire(), read.getQuestionnaire());
            all.add(read);
        }
        Bundle phq9Totals = client.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + s.patientId))
                .and(Observation.CODE.exactly().systemAndCode("http://loinc.org", "44261-6"))
                .and(Observation.DATE.afterOrEquals().day(new Date(System.currentTimeMillis() - 86_400_000L)))
                .sort().descending("date").returnBundle(Bundle.class).execute();
        assertEquals(2, phq9Totals.getTotal());
        assertEquals(List.of(9, 14), phq9Totals.getEntry().stream()
                .map(e -> ((Observation) e.getResource()).getValueIntegerType().getValue()).toList());
        Observation total = client.read().resource(Observation.class)
                .withId(phq9Totals.getEntryFirstRep().getResource().getIdElement().getIdPart()).execute();
        assertEquals("QuestionnaireResponse/" + s.responseIds.get(3), total.getDerivedFromFirstRep().getReference());
        Patient patient = client.read().resource(Patient.class).withId(s.patientId.toString()).execute();
        assertEquals(s.subjectCode, patient.getIdentifierFirstRep().getValue());
        Bundle flags = client.search().forResource(Flag.class)
                .where(Flag.PATIENT.hasId("Patient/" + s.patientId)).returnBundle(Bundle.class).execute();
        assertEquals(2, flags.getTotal());
        Flag flag = client.read().resource(Flag.class)
                .withId(flags.getEntryFirstRep().getResource().getIdElement().getIdPart()).execute();
        Questionnaire served = (Questionnaire) client.search().forResource(Questionnaire.class)
                .where(Questionnaire.URL.matches().value(BASE + "/Questionnaire/phq9")).returnBundle(Bundle.class)
                .execute().getEntryFirstRep().getResource();
        assertEquals(qrs.get(0).getQuestionnaire(), served.getUrl() + "|" + served.getVersion());
        all.addAll(List.of(phq9Totals, total, patient, flags, flag, served));
        assertAllValid(all);
        assertTrue(audit.byActor(s.clinician).stream().anyMatch(r -> "fhir_questionnaire_response"
                .equals(r.resourceType()) && s.patientId.equals(r.patientId())));
    }

    @Test
    void patientCreatesAnSdcResponseThatIsScoredAndReturnedWithItsObservations() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        IGenericClient client = client(TestTokens.patient(s.patientSubject));
        QuestionnaireResponse qr = gad7Response(s.patientId, new int[] { 3, 3, 3, 3, 3, 3, 3 });
        String key = UUID.randomUUID().toString();
        MethodOutcome outcome = client.create().resource(qr).withAdditionalHeader("Idempotency-Key", key)
                .execute();
        assertTrue(outcome.getCreated());
        QuestionnaireResponse created = (QuestionnaireResponse) outcome.getResource();
        assertEquals(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED, created.getStatus());
        assertEquals("T1", created.getExtensionByUrl(BASE + "/StructureDefinition/timepoint-key").getValue()
                .primitiveValue());
        Reference scoreRef = (Reference) created.getExtensionByUrl(BASE + "/StructureDefinition/score-observation")
                .getValue();
        Observation score = client.read().resource(Observation.class).withUrl(scoreRef.getReference()).execute();
        assertEquals(21, score.getValueIntegerType().getValue());
        assertEquals("severe", score.getInterpretationFirstRep().getCodingFirstRep().getCode());
        assertAllValid(List.of(created, score));
        // the same key and body: the stored response again, nothing stored twice
        MethodOutcome again = client.create().resource(qr).withAdditionalHeader("Idempotency-Key", key).execute();
        assertEquals(created.getIdElement().getIdPart(),
                ((QuestionnaireResponse) again.getResource()).getIdElement().getIdPart());
        Bundle mine = client.search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.QUESTIONNAIRE.hasId(BASE + "/Questionnaire/gad7"))
                .returnBundle(Bundle.class).execute();
        assertEquals(2, mine.getTotal());
        // the task is done for the native API too
        FhirScenario.as(TestTokens.patient(s.patientSubject)).queryParam("instrument", "gad7")
                .when().get("/api/v1/me/tasks").then().statusCode(200)
                .body("tasks.find { it.timepointKey == 'T1' }.status", equalTo("completed"));
    }

    @Test
    void twoOpenTasksNeedTheTimepointExtensionAndThenTheNamedOneIsTaken() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        IGenericClient client = client(TestTokens.patient(s.patientSubject));
        QuestionnaireResponse qr = pcl5Response(s.patientId);
        UnprocessableEntityException e = assertThrows(UnprocessableEntityException.class, () -> client.create()
                .resource(qr).withAdditionalHeader("Idempotency-Key", UUID.randomUUID().toString()).execute());
        assertEquals("PRO-1705", code(e));
        qr.addExtension(BASE + "/StructureDefinition/timepoint-key", new StringType("T0"));
        QuestionnaireResponse created = (QuestionnaireResponse) client.create().resource(qr)
                .withAdditionalHeader("Idempotency-Key", UUID.randomUUID().toString()).execute().getResource();
        assertEquals("T0", created.getExtensionByUrl(BASE + "/StructureDefinition/timepoint-key").getValue()
                .primitiveValue());
        assertAllValid(List.of(created));
    }

    @Test
    void itemsThatDoNotFitComeBackAsOperationOutcomeIssuesWithExpressionsAndNothingIsStored() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        QuestionnaireResponse qr = gad7Response(s.patientId, new int[] { 1, 1, 1, 1, 1, 1, 1 });
        ((Coding) qr.getItem().get(2).getAnswerFirstRep().getValue()).setCode("LA0000-0");
        qr.addItem().setLinkId("gad7_q99").addAnswer().setValue(new IntegerType(1));
        qr.getItem().get(4).getAnswerFirstRep().setValue(new IntegerType(2));
        String body = FHIR.newJsonParser().encodeResourceToString(qr);
        FhirScenario.as(TestTokens.patient(s.patientSubject)).contentType("application/fhir+json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/fhir/r4/QuestionnaireResponse")
                .then().statusCode(422).contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.details.coding[0].code", hasItem("PRO-1703"))
                .body("issue.expression.flatten()", equalTo(List.of("QuestionnaireResponse.item[2].answer[0].value",
                        "QuestionnaireResponse.item[4].answer[0].value", "QuestionnaireResponse.item[7].linkId")));
        assertEquals(1, client(TestTokens.patient(s.patientSubject)).search()
                .forResource(QuestionnaireResponse.class)
                .whereMap(java.util.Map.of("questionnaire", List.of(BASE + "/Questionnaire/gad7|1.0")))
                .returnBundle(Bundle.class).execute().getTotal());
    }

    @Test
    void accessFollowsTheSamePolicyAsTheRestOfTheApi() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        String qrId = s.responseIds.get(0);
        // the patient: own record yes, with or without naming it
        IGenericClient own = client(TestTokens.patient(s.patientSubject));
        assertEquals(4, own.search().forResource(QuestionnaireResponse.class).returnBundle(Bundle.class).execute()
                .getTotal());
        own.read().resource(QuestionnaireResponse.class).withId(qrId).execute();
        // another patient, a clinician of another study, an admin: the same 404 as for what does not exist
        FhirScenario other = FhirScenario.enrolled(fixtures, false);
        for (String token : List.of(TestTokens.patient(other.patientSubject), TestTokens.clinician(other.clinician),
                TestTokens.admin("fhir-admin"))) {
            IGenericClient c = client(token);
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> c.read().resource(QuestionnaireResponse.class).withId(qrId).execute());
            assertEquals("PRO-1003", code(e));
            assertThrows(ResourceNotFoundException.class,
                    () -> c.read().resource(Patient.class).withId(s.patientId.toString()).execute());
            assertThrows(ResourceNotFoundException.class, () -> c.search().forResource(Observation.class)
                    .where(Observation.PATIENT.hasId(s.patientId.toString())).returnBundle(Bundle.class).execute());
        }
        assertThrows(ResourceNotFoundException.class, () -> own.read().resource(Flag.class)
                .withId(UUID.randomUUID().toString()).execute());
        // no token: 401 as OperationOutcome; metadata is public
        RestAssured.given().when().get("/fhir/r4/QuestionnaireResponse/{id}", qrId).then().statusCode(401)
                .contentType(startsWith("application/fhir+json")).body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("security"));
        // a clinician cannot submit as a patient
        RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.clinician(s.clinician)))
                .contentType("application/fhir+json").header("Idempotency-Key", "k-1")
                .body(FHIR.newJsonParser().encodeResourceToString(gad7Response(s.patientId, new int[7])))
                .when().post("/fhir/r4/QuestionnaireResponse").then().statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void capabilityStatementListsExactlyWhatAnswers() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        IGenericClient client = client(TestTokens.clinician(s.clinician));
        CapabilityStatement cs = client(null).capabilities().ofType(CapabilityStatement.class).execute();
        assertAllValid(List.of(cs));
        String pid = s.patientId.toString();
        Bundle obs = client.search().forResource(Observation.class).where(Observation.PATIENT.hasId(pid))
                .returnBundle(Bundle.class).execute();
        Bundle flags = client.search().forResource(Flag.class).where(Flag.PATIENT.hasId(pid))
                .returnBundle(Bundle.class).execute();
        java.util.Map<String, String> ids = java.util.Map.of("Questionnaire", "phq9", "Patient", pid,
                "QuestionnaireResponse", s.responseIds.get(0), "Observation",
                obs.getEntryFirstRep().getResource().getIdElement().getIdPart(), "Flag",
                flags.getEntryFirstRep().getResource().getIdElement().getIdPart());
        java.util.Map<String, String> values = java.util.Map.of("patient", pid, "subject", "Patient/" + pid,
                "url", BASE + "/Questionnaire/phq9", "questionnaire", BASE + "/Questionnaire/phq9|1.0",
                "authored", "ge2020-01-01", "date", "lt2100", "code", "http://loinc.org|44261-6", "_count", "1",
                "_offset", "1");
        List<String> declared = new ArrayList<>();
        for (CapabilityStatementRestResourceComponent r : cs.getRestFirstRep().getResource()) {
            String type = r.getType();
            declared.add(type);
            List<String> interactions = r.getInteraction().stream().map(i -> i.getCode().toCode()).toList();
            int readStatus = status("/fhir/r4/" + type + "/" + ids.get(type), s.clinician);
            assertEquals(interactions.contains("read") ? 200 : 405, readStatus, type + " read");
            if (interactions.contains("search-type")) {
                for (var p : r.getSearchParam()) {
                    String value = p.getName().equals("_sort")
                            ? (type.equals("Observation") ? "-date" : "authored") : values.get(p.getName());
                    String query = "/fhir/r4/" + type + "?" + p.getName() + "=" + value
                            + (List.of("patient", "subject").contains(p.getName()) || type.equals("Questionnaire")
                                    ? "" : "&patient=" + pid);
                    assertEquals(200, status(query, s.clinician), query);
                }
                assertEquals(400, status("/fhir/r4/" + type + "?_has=x&patient=" + pid, s.clinician));
            } else {
                assertTrue(List.of(404, 405).contains(status("/fhir/r4/" + type + "?patient=" + pid, s.clinician)),
                        type + " search");
            }
            if (!interactions.contains("create")) {
                RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.patient(s.patientSubject)))
                        .contentType("application/fhir+json").body("{}").when().post("/fhir/r4/" + type)
                        .then().statusCode(org.hamcrest.Matchers.oneOf(404, 405));
            }
        }
        assertEquals(List.of("Questionnaire", "Patient", "QuestionnaireResponse", "Observation", "Flag"), declared);
        assertEquals(404, status("/fhir/r4/Encounter?patient=" + pid, s.clinician));
    }

    static int status(String path, String clinician) {
        return RestAssured.given().header("Authorization", TestTokens.bearer(TestTokens.clinician(clinician)))
                .urlEncodingEnabled(false).when().get(path.replace("|", "%7C")).then().extract().statusCode();
    }

    static String code(BaseServerResponseException e) {
        OperationOutcome oo = (OperationOutcome) e.getOperationOutcome();
        assertNotNull(oo, "the error body is an OperationOutcome");
        return oo.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
    }

    static QuestionnaireResponse gad7Response(UUID patientId, int[] values) {
        String[] loinc = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };
        String[] labels = { "Not at all", "Several days", "More than half the days", "Nearly every day" };
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setQuestionnaire(BASE + "/Questionnaire/gad7|1.0");
        qr.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        qr.setSubject(new Reference("Patient/" + patientId));
        qr.setAuthored(Date.from(Instant.now().minusSeconds(30)));
        for (int i = 0; i < values.length; i++) {
            qr.addItem().setLinkId("gad7_q" + (i + 1)).addAnswer()
                    .setValue(new Coding("http://loinc.org", loinc[values[i]], labels[values[i]]));
        }
        return qr;
    }

    static QuestionnaireResponse pcl5Response(UUID patientId) {
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setQuestionnaire(BASE + "/Questionnaire/pcl5|1.0");
        qr.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        qr.setSubject(new Reference("Patient/" + patientId));
        qr.setAuthored(Date.from(Instant.now().minusSeconds(30)));
        for (int i = 1; i <= 20; i++) {
            qr.addItem().setLinkId("pcl5_q" + i).addAnswer().setValue(new IntegerType(2));
        }
        return qr;
    }
}
