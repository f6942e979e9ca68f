package org.proservice.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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

    private static final String CSS = readResource("report/report.css");

    /**
     * Qute's engine used as a library (qute-core), not the Quarkus extension: the extension's dev-mode dependency
     * (qute-debug) is not published for this Quarkus version, and ./mvnw quarkus:dev must start. Values are read by
     * reflection from the report records; HTML is escaped except where the template says raw (the SVG charts).
     */
    private final Template template = Engine.builder().addDefaults()
            .addValueResolver(ValueResolvers.rawResolver())
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of("text/html")))
            .build()
            .parse(readResource("report/patient.html"), Variant.forContentType("text/html"));

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

    private static String readResource(String name) {
        try (InputStream in = PatientReportRenderer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
