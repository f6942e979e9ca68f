package org.proservice.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * Colours, marker shapes and fonts shared by the charts. Arm colours are the Okabe-Ito palette (distinguishable
 * with the common colour-vision deficiencies), in an order that keeps the first two far apart; each arm also gets
 * its own marker shape, so the figure still reads in greyscale.
 */
final class ChartStyle {

    /** Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black. */
    static final Color[] ARM_COLOURS = {
        new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x9E, 0x73),
        new Color(0xCC, 0x79, 0xA7), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9), Color.BLACK };

    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xD0, 0xD0, 0xD0);

    private ChartStyle() {
    }

    static Color armColour(int index) {
        return ARM_COLOURS[index % ARM_COLOURS.length];
    }

    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Circle, square, triangle up, diamond, triangle down, repeated. */
    static Shape armShape(int index) {
        return switch (index % 5) {
            case 0 -> circle(5);
            case 1 -> new Rectangle2D.Double(-4.5, -4.5, 9, 9);
            case 2 -> triangle(6, true);
            case 3 -> diamond(6);
            default -> triangle(6, false);
        };
    }

    static Shape circle(double r) {
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }

    static Shape diamond(double r) {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }

    static Shape triangle(double r, boolean up) {
        double s = up ? 1 : -1;
        Path2D p = new Path2D.Double();
        p.moveTo(0, -r * s);
        p.lineTo(r, r * s);
        p.lineTo(-r, r * s);
        p.closePath();
        return p;
    }

    /** White background, light grid, the bundled font everywhere. */
    static void apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(ReportFonts.bold(15f));
            chart.getTitle().setPaint(INK);
        }
        for (Object t : chart.getSubtitles()) {
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(ReportFonts.regular(12f));
                legend.setItemPaint(INK);
            } else if (t instanceof TextTitle text) {
                text.setFont(ReportFonts.regular(11f));
                text.setPaint(INK);
            } else if (t instanceof Title) {
                // no other kinds used
            }
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlinePaint(GRID);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            style(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
        }
    }

    private static void style(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(ReportFonts.regular(12f));
        axis.setTickLabelFont(ReportFonts.regular(11f));
        axis.setLabelPaint(INK);
        axis.setTickLabelPaint(INK);
        axis.setAxisLinePaint(INK);
    }

    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 5f, 4f }, 0f);
    }
}
