package org.proservice.report;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.proservice.report.ReportModel.BandRegion;
import org.proservice.report.ReportModel.Point;

/**
 * One patient chart: one measure of one instrument over time. Band regions from the instrument catalog are shaded
 * behind the line; the baseline value is a dashed line; each recorded event (session) is a vertical line; points
 * that are the baseline, late, amended or an after-treatment-start baseline get their own marker and a word.
 */
final class ScoreChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final Color LINE = ChartStyle.ARM_COLOURS[0];
    static final Color EVENT = new Color(0x55, 0x55, 0x55);
    /** Light, ordered tints for bands from least to most severe; readable under black text. */
    static final Color[] BAND_TINTS = { new Color(0xEE, 0xF4, 0xEA), new Color(0xF7, 0xF3, 0xD9),
        new Color(0xFB, 0xE8, 0xCC), new Color(0xF8, 0xD9, 0xC4), new Color(0xF1, 0xC6, 0xC0) };
    private static final long DAY = 86_400_000L;

    private ScoreChart() {
    }

    record Event(String anchor, LocalDate date) {
    }

    static JFreeChart build(String title, String measureLabel, double yMin, double yMax, List<Point> points,
            List<BandRegion> bands, Double baselineValue, List<Event> events) {
        XYSeries series = new XYSeries(measureLabel, false, true);
        for (Point p : points) {
            series.add(p.completedAt().toEpochMilli(), p.value());
        }
        XYSeriesCollection data = new XYSeriesCollection(series);
        XYLineAndShapeRenderer renderer = new MarkedRenderer(points);
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesStroke(0, ChartStyle.line(2.2f));
        DateAxis x = new DateAxis("Date");
        x.setTimeZone(java.util.TimeZone.getTimeZone(ZoneOffset.UTC));
        x.setDateFormatOverride(new java.text.SimpleDateFormat("d MMM yyyy", java.util.Locale.ENGLISH));
        long[] range = domain(points, events);
        x.setRange(range[0], range[1]);
        NumberAxis y = new NumberAxis(measureLabel);
        y.setRange(yMin - (yMax - yMin) * 0.03, yMax + (yMax - yMin) * 0.03);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        for (int i = 0; i < bands.size(); i++) {
            BandRegion b = bands.get(i);
            IntervalMarker m = new IntervalMarker(b.min() - 0.5, b.max() + 0.5,
                    BAND_TINTS[Math.min(i, BAND_TINTS.length - 1)]);
            m.setLabel(b.label());
            m.setLabelFont(ReportFonts.regular(10f));
            m.setLabelPaint(new Color(0x55, 0x55, 0x55));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(m, Layer.BACKGROUND);
        }
        if (baselineValue != null) {
            ValueMarker m = new ValueMarker(baselineValue, LINE, ChartStyle.dashed(1.2f));
            m.setLabel("baseline " + ReportModel.number(baselineValue));
            m.setLabelFont(ReportFonts.regular(10f));
            m.setLabelPaint(LINE);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m, Layer.FOREGROUND);
        }
        for (Event e : events) {
            ValueMarker m = new ValueMarker(noon(e.date()), EVENT, ChartStyle.dashed(1f));
            m.setLabel(e.anchor());
            m.setLabelFont(ReportFonts.regular(10f));
            m.setLabelPaint(EVENT);
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        for (Point p : points) {
            String word = p.marks();
            if (!word.isEmpty()) {
                XYTextAnnotation a = new XYTextAnnotation(word, p.completedAt().toEpochMilli(), p.value());
                a.setFont(ReportFonts.regular(10f));
                a.setPaint(ChartStyle.INK);
                a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                a.setY(p.value() + (yMax - yMin) * 0.035);
                plot.addAnnotation(a);
            }
        }
        JFreeChart chart = new JFreeChart(title, ReportFonts.bold(14f), plot, false);
        ChartStyle.apply(chart);
        return chart;
    }

    static double noon(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + DAY / 2.0;
    }

    private static long[] domain(List<Point> points, List<Event> events) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Point p : points) {
            lo = Math.min(lo, p.completedAt().toEpochMilli());
            hi = Math.max(hi, p.completedAt().toEpochMilli());
        }
        for (Event e : events) {
            lo = Math.min(lo, (long) noon(e.date()));
            hi = Math.max(hi, (long) noon(e.date()));
        }
        if (lo == Long.MAX_VALUE) {
            lo = Instant.now().toEpochMilli();
            hi = lo;
        }
        long pad = Math.max(2 * DAY, (hi - lo) / 12);
        return new long[] { lo - pad, hi + pad };
    }

    /** Per point: the baseline a square, an after-treatment-start baseline a white diamond, late or
     * amended a white triangle, others a filled circle. */
    static final class MarkedRenderer extends XYLineAndShapeRenderer {

        private static final long serialVersionUID = 1L;
        private final transient List<Point> points;

        MarkedRenderer(List<Point> points) {
            super(true, true);
            this.points = points;
            setUseOutlinePaint(true);
            setDrawOutlines(true);
            setUseFillPaint(true);
        }

        @Override
        public Shape getItemShape(int row, int column) {
            Point p = points.get(column);
            if (p.afterTreatmentBaseline()) {
                return ChartStyle.diamond(7);
            }
            if (p.baseline()) {
                return new java.awt.geom.Rectangle2D.Double(-5.5, -5.5, 11, 11);
            }
            if (p.late() || p.amended()) {
                return ChartStyle.triangle(6.5, true);
            }
            return ChartStyle.circle(4.5);
        }

        @Override
        public Paint getItemOutlinePaint(int row, int column) {
            return ChartStyle.INK;
        }

        @Override
        public Paint getItemFillPaint(int row, int column) {
            Point p = points.get(column);
            return p.late() || p.amended() || p.afterTreatmentBaseline() ? Color.WHITE : LINE;
        }
    }
}
