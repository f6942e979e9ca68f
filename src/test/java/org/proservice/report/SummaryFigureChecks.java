package org.proservice.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

/** Pixel checks on rendered charts: a blank or single-colour picture fails them. */
final class SummaryFigureChecks {

    private SummaryFigureChecks() {
    }

    static int width() {
        return SummaryFigure.WIDTH * 2;
    }

    /** Pixels whose colour is within a small distance of {@code rgb} (anti-aliasing blends edges, not centres). */
    static int count(BufferedImage image, int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - r;
                int dg = ((p >> 8) & 0xff) - g;
                int db = (p & 0xff) - b;
                if (dr * dr + dg * dg + db * db <= 300) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The middle of the picture (where the plot is) has ink on at least 1 % of its pixels. */
    static void assertNotBlank(BufferedImage image) {
        int x0 = image.getWidth() / 5;
        int y0 = image.getHeight() / 5;
        int ink = 0;
        int all = 0;
        for (int y = y0; y < image.getHeight() - y0; y++) {
            for (int x = x0; x < image.getWidth() - x0; x++) {
                int p = image.getRGB(x, y) & 0xffffff;
                all++;
                if (p != 0xffffff) {
                    ink++;
                }
            }
        }
        assertTrue(ink * 100 >= all, "chart area is not blank: " + ink + " of " + all + " pixels drawn");
    }
}
