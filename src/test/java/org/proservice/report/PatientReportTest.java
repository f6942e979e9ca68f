package org.proservice.report;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.report.ReportStudy.as;
import static org.proservice.report.ReportStudy.clinician;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.AuditRows;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/** The patient report as a clinician reads it: its text, its pages, its charts; and who may get it. */
@QuarkusTest
class PatientReportTest {

    static final String PATH = "/api/v1/patients/{pid}/report";
    static ReportStudy study;

    @Inject
    Fixtures fixtures;
    @Inject
    AuditRows auditRows;

    @BeforeEach
    void study() {
        if (study == null) {
            study = ReportStudy.create(fixtures);
        }
    }

    @Test
    void htmlReportShowsHeaderChartsTablesAndChangeFromBaseline() throws Exception {
        String html = clinician().when().get(PATH, study.patients.get("A1"))
                .then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(html.contains(study.codes.get("A1")), "subject code");
        assertTrue(html.contains("Arm arm-a (arm-a)"), "arm");
        assertTrue(html.contains("PHQ-9 total score"), "PHQ-9 section");
        assertTrue(html.contains("GAD-7 total score"), "GAD-7 section");
        assertTrue(html.contains("session-1: "), "the session is listed");
        // A1: PHQ-9 20 -> 8 (reduction 12, 60 %, response reached), T1 late
        assertTrue(html.contains("<td class=\"num\">12</td><td class=\"num\">60 %</td>"), "change row");
        assertTrue(html.contains("response: \u2265 50 % reduction"), "responder threshold named");
        assertTrue(html.contains(">late<"), "late point marked in its table");
        assertTrue(html.contains(">baseline<"), "baseline point marked in its table");
        List<String> charts = dataUris(html, "image/svg+xml");
        assertEquals(2, charts.size(), "one chart per instrument and measure");
        String svg = new String(Base64.getDecoder().decode(charts.get(0)), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(svg.contains(">session-1<"), "session marker on the chart");
        assertTrue(svg.contains(">Moderately severe<") && svg.contains(">Mild<"), "bands shaded and named");
        assertTrue(svg.contains(">baseline 20<"), "baseline line labelled");
    }

    @Test
    void amendedPointIsMarked() {
        String html = clinician().when().get(PATH, study.patients.get("B2"))
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains(">amended<"), "amended point marked");
        assertTrue(html.contains("<td class=\"num\">12</td><td>Moderate</td><td>amended</td>"),
                "the amended value with its band, not the superseded one");
        assertTrue(!html.contains("<td class=\"num\">3</td>"), "the superseded 3 is not shown");
    }

    @Test
    void pdfReportHasAFirstPageAndOnePagePerChartWithTheFontEmbedded() throws Exception {
        ExtractableResponse<Response> r = clinician().accept("application/pdf")
                .when().get(PATH, study.patients.get("A1"))
                .then().statusCode(200).contentType("application/pdf").extract();
        try (PDDocument pdf = Loader.loadPDF(r.asByteArray())) {
            assertEquals(3, pdf.getNumberOfPages(), "summary page + PHQ-9 + GAD-7");
            PDPage first = pdf.getPage(0);
            assertEquals(595, Math.round(first.getMediaBox().getWidth()), "A4 width in points");
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains(study.codes.get("A1")));
            assertTrue(text.contains("Alert history"));
            assertTrue(text.contains("PHQ-9 total score"));
            assertTrue(text.contains("GAD-7 total score"));
            PDFTextStripper page2 = new PDFTextStripper();
            page2.setStartPage(2);
            page2.setEndPage(2);
            assertTrue(page2.getText(pdf).contains("Change from baseline"));
            PDFont font = first.getResources().getFont(first.getResources().getFontNames().iterator().next());
            assertTrue(font instanceof PDType0Font && font.isEmbedded() && font.getName().contains("DejaVu"),
                    "DejaVu embedded: " + font.getName());
            assertTrue(pdf.getPage(1).getResources().getXObjectNames().iterator().hasNext(),
                    "the chart image is on the PHQ-9 page");
        }
    }

    @Test
    void letterPaperIsOffered() throws Exception {
        byte[] body = clinician().queryParam("format", "pdf").queryParam("paper", "letter")
                .when().get(PATH, study.patients.get("A2")).then().statusCode(200).extract().asByteArray();
        try (PDDocument pdf = Loader.loadPDF(body)) {
            assertEquals(612, Math.round(pdf.getPage(0).getMediaBox().getWidth()), "US Letter width in points");
        }
    }

    @Test
    void chartsInThePdfAreNotBlank() throws Exception {
        byte[] pdfBytes = clinician().queryParam("format", "pdf").when().get(PATH, study.patients.get("B1"))
                .then().statusCode(200).extract().asByteArray();
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            var resources = pdf.getPage(1).getResources();
            var name = resources.getXObjectNames().iterator().next();
            BufferedImage image = ((org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) resources
                    .getXObject(name)).getImage();
            SummaryFigureChecks.assertNotBlank(image);
            assertTrue(SummaryFigureChecks.count(image, 0x0072B2) > 100, "the score line is drawn");
        }
    }

    @Test
    void unknownPaperOrFormatIsAProblemNamingTheField() {
        clinician().queryParam("paper", "a3").when().get(PATH, study.patients.get("A1"))
                .then().statusCode(400).body("code", equalTo("PRO-1900")).body("errors[0].field", equalTo("paper"));
        clinician().queryParam("format", "docx").when().get(PATH, study.patients.get("A1"))
                .then().statusCode(400).body("code", equalTo("PRO-1900")).body("errors[0].field", equalTo("format"));
    }

    @Test
    void reportNeedsATokenAClinicianAndTheStudysStaff() {
        UUID a1 = study.patients.get("A1");
        RestAssured.given().when().get(PATH, a1).then().statusCode(401);
        as(TestTokens.patient(study.subjects.get("A1"))).when().get(PATH, a1).then().statusCode(403);
        as(TestTokens.admin("report-admin")).when().get(PATH, a1).then().statusCode(403);
        as(TestTokens.clinician(ReportStudy.OTHER_CLINICIAN)).when().get(PATH, a1)
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
        clinician().when().get(PATH, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void readingTheReportIsAudited() {
        String requestId = "report-audit-" + UUID.randomUUID();
        clinician().header("X-Request-Id", requestId).when().get(PATH, study.patients.get("A2"))
                .then().statusCode(200);
        List<AuditRows.Row> rows = auditRows.byRequestId(requestId);
        assertTrue(rows.stream().anyMatch(row -> row.resourceType().equals("patient_report")
                && row.outcome().equals("allowed")), "report read audited: " + rows);
        assertTrue(rows.stream().anyMatch(row -> row.resourceType().equals("score_series")), "series read audited");
    }

    static List<String> dataUris(String html, String type) {
        Matcher m = Pattern.compile("src=\"data:" + Pattern.quote(type) + ";base64,([A-Za-z0-9+/=]+)\"")
                .matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
