package org.proservice.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.proservice.report.PatientReportService.ReportData;

/**
 * Renders a patient report: HTML from the Qute template (charts as SVG), or PDF from the same template with the
 * charts as PNG, laid out by openhtmltopdf on PDFBox with the bundled font embedded.
 */
@ApplicationScoped
public class PatientReportRenderer {

    /** Paper sizes by parameter value, as CSS page sizes. */
    public enum Paper {
        A4("A4"), LETTER("letter");

        final String css;

        Paper(String css) {
            this.css = css;
        }
    }

    private static final String CSS = readCss();

    @Inject
    @Location("report/patient.html")
    Template template;

    public String html(ReportData data, Paper paper) {
        return render(data, paper, ReportPages.Images.SVG);
    }

    public byte[] pdf(ReportData data, Paper paper) {
        String html = render(data, paper, ReportPages.Images.PNG);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(ReportFonts::regularTtf, ReportFonts.FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(ReportFonts::boldTtf, ReportFonts.FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(html, null);
            builder.withProducer("PRO service");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private String render(ReportData data, Paper paper, ReportPages.Images images) {
        String css = CSS.replace("%PAGE_SIZE%", paper.css).replace("%SUBJECT%", data.subjectCode());
        return template.data("page", ReportPages.build(data, css, images)).render();
    }

    private static String readCss() {
        try (InputStream in = PatientReportRenderer.class.getClassLoader().getResourceAsStream("report/report.css")) {
            if (in == null) {
                throw new IllegalStateException("report/report.css is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
