package org.proservice.fhir;

import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.proservice.support.FhirValidation;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

@QuarkusTest
class PatientBundleTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static FhirValidation validation;

    @Inject
    Fixtures fixtures;

    /** Built on first use, once the application answers (it loads the R4 profiles: a few seconds). */
    static synchronized FhirValidation validation() {
        if (validation == null) {
            validation = new FhirValidation(servedQuestionnaires());
        }
        return validation;
    }

    static List<Questionnaire> servedQuestionnaires() {
        return List.of("phq9", "gad7", "pcl5", "bpi-sf").stream()
                .map(id -> FhirScenario.as(TestTokens.clinician("q-reader")).when()
                        .get("/api/v1/instruments/{id}/fhir", id).then().statusCode(200).extract().asString())
                .map(json -> FHIR.newJsonParser().parseResource(Questionnaire.class, json)).toList();
    }

    String bundleJson(FhirScenario s) {
        return FhirScenario.as(TestTokens.clinician(s.clinician)).when()
                .get("/api/v1/patients/{pid}/fhir", s.patientId)
                .then().statusCode(200).contentType(startsWith("application/fhir+json")).extract().asString();
    }

    static <T extends Resource> List<T> entries(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    @Test
    void bundleOfAFullRecordValidatesAgainstBaseR4WithZeroErrors() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        validation().assertValid(bundleJson(s));
    }

    @Test
    void validatorFindsAResponseWithoutItsRequiredStatus() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, bundleJson(s));
        QuestionnaireResponse qr = entries(b, QuestionnaireResponse.class).get(0);
        qr.setStatus(null);
        String json = FHIR.newJsonParser().encodeResourceToString(qr);
        assertFalse(validation().errors(json).isEmpty(), validation().report(json));
    }

    @Test
    void bundleOfAPatientWithoutResponsesValidatesToo() {
        FhirScenario s = FhirScenario.enrolled(fixtures, false);
        String json = bundleJson(s);
        validation().assertValid(json);
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, json);
        assertEquals(1, b.getEntry().size());
    }

    @Test
    void bundleNamesThePatientByStudySubjectCodeOnly() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, bundleJson(s));
        Patient p = entries(b, Patient.class).get(0);
        assertEquals(s.patientId.toString(), p.getIdElement().getIdPart());
        assertFalse(p.hasName());
        assertFalse(p.hasTelecom());
        assertFalse(p.hasBirthDate());
        assertEquals(1, p.getIdentifier().size());
        assertEquals("https://pro-service.invalid/fhir/studies/" + s.studyId + "/subject-codes",
                p.getIdentifierFirstRep().getSystem());
        assertEquals(s.subjectCode, p.getIdentifierFirstRep().getValue());
        assertTrue(b.getEntryFirstRep().getFullUrl().endsWith("/fhir/r4/Patient/" + s.patientId));
    }

    @Test
    void bundleCodesTheBandAsInterpretationAndPointsTheResponseAtTheServedQuestionnaire() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, bundleJson(s));
        Observation gad7 = entries(b, Observation.class).stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("70274-6")).findFirst().orElseThrow();
        assertEquals(11, gad7.getValueIntegerType().getValue());
        Coding band = gad7.getInterpretationFirstRep().getCodingFirstRep();
        assertEquals("https://pro-service.invalid/fhir/CodeSystem/gad7-bands", band.getSystem());
        assertEquals("moderate", band.getCode());
        assertEquals("Moderate", band.getDisplay());
        Set<String> questionnaires = entries(b, QuestionnaireResponse.class).stream()
                .map(QuestionnaireResponse::getQuestionnaire).collect(Collectors.toSet());
        Set<String> served = servedQuestionnaires().stream().map(q -> q.getUrl() + "|" + q.getVersion())
                .collect(Collectors.toSet());
        assertEquals(Set.of("https://pro-service.invalid/fhir/Questionnaire/phq9|1.0",
                "https://pro-service.invalid/fhir/Questionnaire/gad7|1.0",
                "https://pro-service.invalid/fhir/Questionnaire/bpi-sf|1.0"), questionnaires);
        assertTrue(served.containsAll(questionnaires));
    }

    @Test
    void bundleCarriesOpenAndClosedSafetyAlertsAsFlags() {
        FhirScenario s = FhirScenario.withRecord(fixtures);
        Bundle b = FHIR.newJsonParser().parseResource(Bundle.class, bundleJson(s));
        List<Flag> flags = entries(b, Flag.class);
        assertEquals(2, flags.size());
        Flag closed = flags.get(0);
        Flag open = flags.get(1);
        assertEquals(Flag.FlagStatus.INACTIVE, closed.getStatus());
        assertTrue(closed.getPeriod().hasEnd());
        assertEquals(Flag.FlagStatus.ACTIVE, open.getStatus());
        assertFalse(open.getPeriod().hasEnd());
        for (Flag f : flags) {
            assertEquals("item9_positive", f.getCode().getCodingFirstRep().getCode());
            assertEquals("Patient/" + s.patientId, f.getSubject().getReference());
        }
    }
}
