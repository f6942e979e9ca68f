package org.proservice.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.proservice.response.ResponseDtos.StudySummary;
import org.proservice.response.ResponseDtos.SummaryRow;
import org.proservice.scoring.ScoringRules;

/**
 * The study figure: per arm, the mean of one measure at each timepoint with a bar of +/- one SD and the number of
 * responses under it. Arms are offset a little along the timepoint axis so that their bars do not hide each other.
 */
final class SummaryFigure {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    private static final double DODGE = 0.08;

    private SummaryFigure() {
    }

    /**
     * @param armLabels arm code to its label, in the study's order (arms without responses still get their colour)
     */
    static JFreeChart build(String studyName, String instrumentTitle, List<ScoringRules.MeasureRule> measures,
            StudySummary summary, Map<String, String> armLabels) {
        List<String> timepoints = new ArrayList<>();
        Map<String, String> timepointLabels = new LinkedHashMap<>();
        for (SummaryRow r : summary.rows()) {
            if (!timepointLabels.containsKey(r.timepointKey())) {
                timepoints.add(r.timepointKey());
                timepointLabels.put(r.timepointKey(), r.timepointLabel() == null ? r.timepointKey()
                        : r.timepointKey() + ": " + r.timepointLabel());
            }
        }
        LinkedHashSet<String> arms = new LinkedHashSet<>(armLabels.keySet());
        summary.rows().forEach(r -> arms.add(r.arm()));
        List<String> armOrder = List.copyOf(arms);

        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setErrorStroke(ChartStyle.line(1.6f));
        renderer.setCapLength(8);
        List<XYTextAnnotation> counts = new ArrayList<>();
        int seriesIndex = 0;
        for (int a = 0; a < armOrder.size(); a++) {
            String arm = armOrder.get(a);
            List<SummaryRow> rows = summary.rows().stream().filter(r -> r.arm().equals(arm) && r.mean() != null)
                    .toList();
            if (rows.isEmpty()) {
                continue;
            }
            String label = armLabels.getOrDefault(arm, arm);
            YIntervalSeries s = new YIntervalSeries(label.equals(arm) ? arm : label + " (" + arm + ")");
            double offset = (a - (armOrder.size() - 1) / 2.0) * DODGE;
            for (SummaryRow r : rows) {
                double x = timepoints.indexOf(r.timepointKey()) + offset;
                double sd = r.sd() == null ? 0 : r.sd();
                s.add(x, r.mean(), r.mean() - sd, r.mean() + sd);
                XYTextAnnotation n = new XYTextAnnotation("n=" + r.n(), x, r.mean() - sd);
                n.setFont(ReportFonts.regular(10f));
                n.setPaint(ChartStyle.armColour(a));
                n.setTextAnchor(TextAnchor.TOP_CENTER);
                counts.add(n);
            }
            data.addSeries(s);
            Color colour = ChartStyle.armColour(a);
            renderer.setSeriesPaint(seriesIndex, colour);
            renderer.setSeriesShape(seriesIndex, ChartStyle.armShape(a));
            renderer.setSeriesStroke(seriesIndex, ChartStyle.line(2.2f));
            renderer.setSeriesShapesVisible(seriesIndex, true);
            renderer.setSeriesLinesVisible(seriesIndex, true);
            seriesIndex++;
        }
        renderer.setErrorPaint(null); // bars in the series colour

        SymbolAxis x = new SymbolAxis("Timepoint", timepoints.stream().map(timepointLabels::get)
                .toArray(String[]::new));
        x.setRange(-0.5, Math.max(0.5, timepoints.size() - 0.5));
        x.setGridBandsVisible(false);
        NumberAxis y = new NumberAxis(measureTitle(instrumentTitle, measures, summary.measure()) + ", mean \u00b1 SD");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        counts.forEach(plot::addAnnotation);

        JFreeChart chart = new JFreeChart(instrumentTitle + " by arm", ReportFonts.bold(15f), plot, true);
        chart.addSubtitle(new TextTitle(studyName + " \u2014 mean \u00b1 SD per timepoint; n = responses"));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        ChartStyle.apply(chart);
        return chart;
    }

    /**
     * How a figure names a measure: the catalog's label ({@code scoring.measures[].label}), else the instrument's
     * title and "total" for the total, else the measure's name.
     */
    static String measureTitle(String instrumentTitle, List<ScoringRules.MeasureRule> measures, String measure) {
        return measures.stream().filter(m -> m.name().equals(measure) && m.label() != null).findFirst()
                .map(ScoringRules.MeasureRule::label)
                .orElse("total".equals(measure) ? instrumentTitle + " total" : measure.toLowerCase(Locale.ROOT));
    }
}
