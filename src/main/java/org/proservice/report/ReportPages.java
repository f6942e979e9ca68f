package org.proservice.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.proservice.alert.AlertDtos.AlertView;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.instrument.InstrumentDefinition.BandInfo;
import org.proservice.report.PatientReportService.InstrumentSeries;
import org.proservice.report.PatientReportService.ReportData;
import org.proservice.report.ReportModel.AlertRow;
import org.proservice.report.ReportModel.BandRegion;
import org.proservice.report.ReportModel.ChangeRow;
import org.proservice.report.ReportModel.Header;
import org.proservice.report.ReportModel.Page;
import org.proservice.report.ReportModel.Point;
import org.proservice.report.ReportModel.Section;
import org.proservice.report.ReportModel.TableRow;
import org.proservice.response.ResponseDtos.ChangeView;
import org.proservice.response.ResponseDtos.ScorePoint;
import org.proservice.response.ResponseDtos.ScoreSeries;
import org.proservice.schedule.ScheduleDtos.EventView;

/** Turns the gathered report data into the page model: one section (chart + tables) per instrument and measure. */
final class ReportPages {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    enum Images { SVG, PNG }

    private ReportPages() {
    }

    static Page build(ReportData data, String css, Images images) {
        Header header = new Header(data.studyName(), data.subjectCode(), data.arm(), data.protocolVersion(),
                data.enrollmentDate(), WHEN.format(data.generatedAt()) + " UTC", data.generatedBy());
        List<ScoreChart.Event> events = data.events().stream()
                .map(e -> new ScoreChart.Event(e.anchor(), e.date())).toList();
        List<Section> sections = new ArrayList<>();
        for (InstrumentSeries is : data.series()) {
            for (String measure : is.series().measures()) {
                Section s = section(is.instrument(), is.series(), measure, events, images);
                if (s != null) {
                    sections.add(s);
                }
            }
        }
        List<String> eventLines = data.events().stream().map(ReportPages::event).toList();
        List<AlertRow> alerts = data.alerts().stream().map(ReportPages::alert).toList();
        return new Page(css, header, sections, alerts, eventLines);
    }

    static Section section(InstrumentDefinition d, ScoreSeries series, String measure,
            List<ScoreChart.Event> events, Images images) {
        List<ScorePoint> withValue = series.points().stream().filter(p -> value(p, measure) != null).toList();
        if (withValue.isEmpty()) {
            return null;
        }
        boolean banded = bandsApply(d, measure);
        List<BandRegion> bands = banded ? d.scoring().bands().stream()
                .map(b -> new BandRegion(b.code(), b.label(), b.min(), b.max())).toList() : List.of();
        List<Point> points = withValue.stream().map(p -> new Point(p.completedAt(), value(p, measure).doubleValue(),
                p.baseline(), p.late(), p.amended(), PointMarks.afterTreatmentBaseline(p))).toList();
        Double baseline = series.baseline() == null ? null : toDouble(value(series.baseline(), measure));
        String measureLabel = SummaryFigure.measureTitle(d.name(), d.scoring().measures(), measure);
        String heading = "total".equals(measure) ? d.name() + " total score" : d.name() + ": " + measureLabel;
        // the measure's range from the catalog (scoring.measures), else the total's, else 0-10
        var range = d.scoring().measures().stream().filter(m -> m.name().equals(measure) && m.min() != null
                && m.max() != null).findFirst();
        double yMin = range.map(m -> m.min().doubleValue()).orElse(
                "total".equals(measure) && d.scoring().totalMin() != null ? d.scoring().totalMin().doubleValue() : 0.0);
        double yMax = range.map(m -> m.max().doubleValue()).orElse(
                "total".equals(measure) && d.scoring().totalMax() != null ? d.scoring().totalMax().doubleValue() : 10.0);
        JFreeChart chart = ScoreChart.build(heading + " over time", measureLabel, yMin, yMax, points, bands,
                baseline, events);
        String src = images == Images.SVG
                ? "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(
                        ChartImages.svg(chart, ScoreChart.WIDTH, ScoreChart.HEIGHT).getBytes(StandardCharsets.UTF_8))
                : "data:image/png;base64," + Base64.getEncoder().encodeToString(
                        ChartImages.png(chart, ScoreChart.WIDTH, ScoreChart.HEIGHT, 2));
        List<TableRow> rows = new ArrayList<>();
        List<ChangeRow> changes = new ArrayList<>();
        for (int i = 0; i < withValue.size(); i++) {
            ScorePoint p = withValue.get(i);
            String tp = p.timepointKey() == null ? "unscheduled" : p.timepointKey();
            rows.add(new TableRow(tp, WHEN.format(p.completedAt()), ReportModel.number(points.get(i).value()),
                    banded && p.band() != null ? bandLabel(d, p.band()) : "", points.get(i).marks()));
            for (ChangeView c : p.change()) {
                if (c.measure().equals(measure)) {
                    changes.add(change(tp, c));
                }
            }
        }
        String baselineNote = switch (series.baselineStatus()) {
            case "present" -> "Baseline: " + series.baselineTimepoint() + " = " + ReportModel.number(baseline == null
                    ? Double.NaN : baseline) + ". Thresholds are the instrument's published change rules.";
            case "missing" -> "No baseline response yet (" + series.baselineTimepoint()
                    + "): change from baseline cannot be computed.";
            case "after_treatment_start" -> "The baseline response (" + series.baselineTimepoint() + ") was completed "
                    + "after treatment started: change from baseline is not computed from it.";
            default -> "The protocol defines no baseline: change from baseline cannot be computed.";
        };
        if (baseline == null && "present".equals(series.baselineStatus())) {
            baselineNote = "The baseline response has no value for this measure.";
        }
        List<String> legend = bands.stream().map(b -> b.label() + " " + b.min() + "\u2013" + b.max()).toList();
        String alt = heading + " over time: " + withValue.size() + " responses; the numbers are in the table "
                + "beside the chart.";
        return new Section(d.id() + "-" + measure, heading, src, alt, rows, changes, baselineNote, legend);
    }

    /** Catalog bands are intervals of the definition's band measure (total unless it names another). */
    static boolean bandsApply(InstrumentDefinition d, String measure) {
        if (d.scoring().bands().isEmpty()) {
            return false;
        }
        String bandMeasure = d.scoring().bandMeasure() == null ? "total" : d.scoring().bandMeasure();
        return bandMeasure.equals(measure);
    }

    /**
     * The point's value of a measure. The report draws the series' own measures, which are the keys of every
     * point's measures map (the series service computes them, total or subscale, in one place).
     */
    static Number value(ScorePoint p, String measure) {
        return p.measures().get(measure);
    }

    private static Double toDouble(Number n) {
        return n == null ? null : n.doubleValue();
    }

    private static String bandLabel(InstrumentDefinition d, String code) {
        return d.scoring().bands().stream().filter(b -> b.code().equals(code)).map(BandInfo::label).findFirst()
                .orElse(code);
    }

    private static ChangeRow change(String timepoint, ChangeView c) {
        List<String> reached = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (Map.Entry<String, Boolean> t : c.thresholds().entrySet()) {
            (Boolean.TRUE.equals(t.getValue()) ? reached : not).add(readable(t.getKey()));
        }
        return new ChangeRow(timepoint, ReportModel.number(c.baseline()), ReportModel.number(c.followUp()),
                ReportModel.number(c.reduction()),
                c.percentReduction() == null ? "" : ReportModel.number(c.percentReduction()) + " %",
                String.join("; ", reached), String.join("; ", not));
    }

    /** {@code response_ge_50pct_reduction} reads "response: >= 50 % reduction". */
    static String readable(String code) {
        String[] parts = code.split("_");
        StringBuilder s = new StringBuilder(parts[0]).append(":");
        for (int i = 1; i < parts.length; i++) {
            String w = switch (parts[i]) {
                case "ge" -> "\u2265";
                case "lt" -> "<";
                case "le" -> "\u2264";
                case "gt" -> ">";
                default -> parts[i].endsWith("pct") ? parts[i].replace("pct", " %") : parts[i];
            };
            s.append(' ').append(w);
        }
        return s.toString();
    }

    private static String event(EventView e) {
        return e.anchor() + ": " + e.date() + (e.revision() > 1 ? " (corrected, revision " + e.revision() + ")" : "");
    }

    private static AlertRow alert(AlertView a) {
        return new AlertRow(WHEN.format(a.raisedAt()), a.instrumentId(), a.rule(), a.status()
                + (a.overdue() ? " (overdue)" : ""),
                a.acknowledged() == null ? "" : WHEN.format(a.acknowledged().at()) + " by " + a.acknowledged().by(),
                a.resolved() == null ? "" : WHEN.format(a.resolved().at()) + " by " + a.resolved().by()
                        + (a.resolved().note() == null ? "" : ": " + a.resolved().note()));
    }

    static String when(Instant i) {
        return WHEN.format(i);
    }
}
