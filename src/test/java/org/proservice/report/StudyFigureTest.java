package org.proservice.report;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.report.ReportStudy.as;
import static org.proservice.report.ReportStudy.clinician;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/** The per-arm figure, checked for what a reader sees: legend text, arm colours, a chart that is not blank. */
@QuarkusTest
class StudyFigureTest {

    static final String PATH = "/api/v1/studies/{id}/summary/figure";
    static ReportStudy study;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void study() {
        if (study == null) {
            study = ReportStudy.create(fixtures);
        }
    }

    @Test
    void svgFigureNamesBothArmsInTheLegendInTheirOwnColours() {
        String svg = clinician().queryParam("instrument", "phq9").accept("image/svg+xml")
                .when().get(PATH, study.studyId)
                .then().statusCode(200).contentType("image/svg+xml").extract().asString();
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), "an SVG document");
        assertEquals("svg", parse(svg).getDocumentElement().getLocalName(), "well-formed XML, as browsers demand");
        assertTrue(svg.contains(">Arm arm-a (arm-a)<"), "legend names arm-a");
        assertTrue(svg.contains(">Arm arm-b (arm-b)<"), "legend names arm-b");
        assertTrue(svg.contains(">PHQ-9 by arm<"), "title");
        assertTrue(svg.contains("n=2"), "n under the points");
        assertTrue(svg.contains("rgb(0,114,178)"), "first arm in Okabe-Ito blue");
        assertTrue(svg.contains("rgb(213,94,0)"), "second arm in Okabe-Ito vermillion");
    }

    static org.w3c.dom.Document parse(String xml) {
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    @Test
    void pngFigureShowsBothArmColoursInTheChartArea() throws Exception {
        byte[] png = clinician().queryParam("instrument", "gad7").accept("image/png")
                .when().get(PATH, study.studyId)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(SummaryFigureChecks.width(), image.getWidth());
        SummaryFigureChecks.assertNotBlank(image);
        assertTrue(SummaryFigureChecks.count(image, 0x0072B2) > 200, "arm-a blue present");
        assertTrue(SummaryFigureChecks.count(image, 0xD55E00) > 200, "arm-b vermillion present");
    }

    @Test
    void formatParameterWinsOverTheAcceptHeader() {
        clinician().queryParam("instrument", "phq9").queryParam("format", "png").accept("image/svg+xml")
                .when().get(PATH, study.studyId)
                .then().statusCode(200).contentType("image/png");
    }

    @Test
    void unknownFormatIsAProblemNamingTheField() {
        clinician().queryParam("instrument", "phq9").queryParam("format", "gif")
                .when().get(PATH, study.studyId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PRO-1900"))
                .body("errors[0].field", equalTo("format"));
    }

    @Test
    void unknownMeasureIsAProblemNamingTheField() {
        clinician().queryParam("instrument", "phq9").queryParam("measure", "worst")
                .when().get(PATH, study.studyId)
                .then().statusCode(400).body("errors[0].field", equalTo("measure"));
    }

    @Test
    void figureNeedsATokenAClinicianAndTheStudysStaff() {
        RestAssured.given().queryParam("instrument", "phq9").when().get(PATH, study.studyId)
                .then().statusCode(401);
        as(TestTokens.patient(study.subjects.get("A1"))).queryParam("instrument", "phq9")
                .when().get(PATH, study.studyId).then().statusCode(403);
        as(TestTokens.admin("report-admin")).queryParam("instrument", "phq9")
                .when().get(PATH, study.studyId).then().statusCode(403);
        as(TestTokens.clinician(ReportStudy.OTHER_CLINICIAN)).queryParam("instrument", "phq9")
                .when().get(PATH, study.studyId).then().statusCode(404).body("code", equalTo("PRO-1003"));
        clinician().queryParam("instrument", "phq9").when().get(PATH, UUID.randomUUID())
                .then().statusCode(404);
    }
}
