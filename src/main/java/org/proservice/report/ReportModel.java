package org.proservice.report;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** What the patient report template shows; every text is already formatted for reading. */
public final class ReportModel {

    private ReportModel() {
    }

    /** A band of the instrument catalog, as a shaded region of a chart. */
    public record BandRegion(String code, String label, int min, int max) {
    }

    /** One point of a chart with the marks it carries. */
    public record Point(Instant completedAt, double value, boolean baseline, boolean late, boolean amended,
            boolean afterTreatmentBaseline) {

        /** The words written beside the point on the chart and in the table. */
        public String marks() {
            StringBuilder s = new StringBuilder();
            if (afterTreatmentBaseline) {
                s.append("baseline after treatment start");
            } else if (baseline) {
                s.append("baseline");
            }
            if (late) {
                s.append(s.isEmpty() ? "" : ", ").append("late");
            }
            if (amended) {
                s.append(s.isEmpty() ? "" : ", ").append("amended");
            }
            return s.toString();
        }
    }

    @TemplateData
    public record Header(String studyName, String subjectCode, String arm, int protocolVersion,
            String enrollmentDate, String generatedAt, String generatedBy) {
    }

    @TemplateData
    public record TableRow(String timepoint, String date, String value, String band, String marks) {
    }

    @TemplateData
    public record ChangeRow(String timepoint, String baseline, String followUp, String reduction,
            String percentReduction, String reached, String notReached) {
    }

    @TemplateData
    public record Section(String id, String heading, String chartSrc, String chartAlt, List<TableRow> rows,
            List<ChangeRow> changes, String baselineNote, List<String> bandLegend) {
    }

    @TemplateData
    public record AlertRow(String raisedAt, String instrument, String rule, String status, String acknowledged,
            String resolved) {
    }

    @TemplateData
    public record Page(String css, Header header, List<Section> sections, List<AlertRow> alerts,
            List<String> events) {
    }

    /** A number as a person writes it: integers without decimals, others to at most two decimals. */
    public static String number(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
