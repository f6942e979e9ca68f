package org.proservice.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one typeface of every chart and report: DejaVu Sans, shipped in {@code report/fonts/} (its licence beside it),
 * so that a PNG or PDF looks the same on every machine whatever fonts the operating system has.
 */
public final class ReportFonts {

    /** The family name used in charts, SVG and the report's CSS. */
    public static final String FAMILY = "DejaVu Sans";

    static {
        // charts are drawn off-screen; a server has no display
        System.setProperty("java.awt.headless", "true");
    }

    private static final byte[] REGULAR = read("report/fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = read("report/fonts/DejaVuSans-Bold.ttf");
    private static final Font BASE_REGULAR = create(REGULAR);
    private static final Font BASE_BOLD = create(BOLD);

    private ReportFonts() {
    }

    public static Font regular(float size) {
        return BASE_REGULAR.deriveFont(size);
    }

    public static Font bold(float size) {
        return BASE_BOLD.deriveFont(size);
    }

    static InputStream regularTtf() {
        return new ByteArrayInputStream(REGULAR);
    }

    static InputStream boldTtf() {
        return new ByteArrayInputStream(BOLD);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ReportFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font resource " + resource + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Font create(byte[] ttf) {
        try {
            Font font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(ttf));
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(font);
            return font;
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("Bundled font cannot be loaded", e);
        }
    }
}
