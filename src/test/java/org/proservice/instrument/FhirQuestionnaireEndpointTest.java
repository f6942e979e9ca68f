package org.proservice.instrument;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

@QuarkusTest
class FhirQuestionnaireEndpointTest {

    private static final String TOKEN = TestTokens.bearer(TestTokens.clinician("c-1"));
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static Questionnaire fetch(String id) {
        String body = given().header("Authorization", TOKEN).accept("application/fhir+json")
                .when().get("/api/v1/instruments/{id}/fhir", id)
                .then().statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .header("ETag", startsWith("\""))
                .header("Cache-Control", equalTo("private, max-age=3600"))
                .extract().asString();
        return FHIR.newJsonParser().parseResource(Questionnaire.class, body);
    }

    @Test
    void phq9QuestionnaireCarriesLoincCodesAndOrdinalValues() {
        Questionnaire q = fetch("phq9");
        assertEquals("https://pro-service.invalid/fhir/Questionnaire/phq9", q.getUrl());
        assertEquals("1.0", q.getVersion());
        assertEquals(PublicationStatus.ACTIVE, q.getStatus());
        assertEquals("Patient Health Questionnaire-9 (PHQ-9)", q.getTitle());
        assertTrue(q.getCopyright().startsWith("Copyright © Pfizer Inc."));
        assertEquals("http://loinc.org", q.getCodeFirstRep().getSystem());
        assertEquals("44249-1", q.getCodeFirstRep().getCode());
        assertEquals(List.of("phq9_q1", "phq9_q2", "phq9_q3", "phq9_q4", "phq9_q5", "phq9_q6", "phq9_q7",
                "phq9_q8", "phq9_q9", "phq9_difficulty"), q.getItem().stream().map(i -> i.getLinkId()).toList());
        QuestionnaireItemComponent item1 = q.getItem().get(0);
        assertEquals(QuestionnaireItemType.CHOICE, item1.getType());
        assertEquals("Little interest or pleasure in doing things", item1.getText());
        assertEquals("44250-9", item1.getCodeFirstRep().getCode());
        assertEquals("http://loinc.org", item1.getCodeFirstRep().getSystem());
        Coding notAtAll = item1.getAnswerOption().get(0).getValueCoding();
        assertEquals("http://loinc.org", notAtAll.getSystem());
        assertEquals("LA6568-5", notAtAll.getCode());
        assertEquals("Not at all", notAtAll.getDisplay());
        Coding nearlyEveryDay = item1.getAnswerOption().get(3).getValueCoding();
        assertEquals("LA6571-9", nearlyEveryDay.getCode());
        assertEquals(3, ((DecimalType) nearlyEveryDay.getExtensionByUrl(QuestionnaireMapper.ORDINAL_VALUE)
                .getValue()).getValue().intValueExact());
        assertEquals("69722-7", q.getItem().get(9).getCodeFirstRep().getCode());
        assertEquals("LA6574-3", q.getItem().get(9).getAnswerOption().get(3).getValueCoding().getCode());
    }

    @Test
    void pcl5QuestionnaireUsesIntegerOptionsAndTheThreeKnownItemCodes() {
        Questionnaire q = fetch("pcl5");
        assertEquals("101697-1", q.getCodeFirstRep().getCode());
        assertEquals(20, q.getItem().size());
        assertFalse(q.getItem().get(0).hasCode());
        assertEquals("101699-7", q.getItem().get(8).getCodeFirstRep().getCode());
        assertEquals("101702-9", q.getItem().get(15).getCodeFirstRep().getCode());
        assertEquals("101715-1", q.getItem().get(16).getCodeFirstRep().getCode());
        List<Integer> values = q.getItem().get(0).getAnswerOption().stream()
                .map(o -> ((IntegerType) o.getValue()).getValue()).toList();
        assertEquals(List.of(0, 1, 2, 3, 4), values);
        assertTrue(q.getCopyright().contains("Weathers"));
    }

    @Test
    void bpiQuestionnaireHasNoPanelCodeAndNeutralLabels() {
        Questionnaire q = fetch("bpi-sf");
        assertFalse(q.hasCode());
        assertEquals("bpi_q1_pain_today", q.getItem().get(0).getLinkId());
        assertEquals("Worst pain in the last 24 hours (0-10)", q.getItem().get(1).getText());
        assertEquals(11, q.getItem().get(5).getAnswerOption().size());
        assertEquals(100, ((IntegerType) q.getItem().get(5).getAnswerOption().get(10).getValue()).getValue());
        assertTrue(q.getCopyright().contains("Cleeland"));
    }

    @Test
    void gad7QuestionnaireCodesItemsButNotTheDifficultyItem() {
        Questionnaire q = fetch("gad7");
        assertEquals("69737-5", q.getCodeFirstRep().getCode());
        assertEquals("68509-9", q.getItem().get(1).getCodeFirstRep().getCode());
        assertFalse(q.getItem().get(7).hasCode());
        assertEquals("LA6572-7", q.getItem().get(7).getAnswerOption().get(0).getValueCoding().getCode());
    }

    @Test
    void plainJsonIsAcceptedToo() {
        given().header("Authorization", TOKEN).accept("application/json")
                .when().get("/api/v1/instruments/gad7/fhir")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("resourceType", equalTo("Questionnaire"))
                .body("item[0].linkId", equalTo("gad7_q1"));
    }

    @Test
    void questionnaireAnswers304ToItsETag() {
        Response r = given().header("Authorization", TOKEN).when().get("/api/v1/instruments/phq9/fhir");
        given().header("Authorization", TOKEN).header("If-None-Match", r.header("ETag"))
                .when().get("/api/v1/instruments/phq9/fhir")
                .then().statusCode(304);
    }

    @Test
    void unknownInstrumentIs404Problem() {
        given().header("Authorization", TOKEN).when().get("/api/v1/instruments/nope/fhir")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1017"));
    }
}
