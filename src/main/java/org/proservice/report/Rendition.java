package org.proservice.report;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;

/**
 * Chooses the output format of a report or figure: the {@code format} query parameter when given (it wins, so a
 * link in a browser can ask for a PDF), otherwise the first acceptable type of the {@code Accept} header that the
 * endpoint offers, otherwise the first offered.
 */
final class Rendition {

    static final String SVG = "image/svg+xml";
    static final String PNG = "image/png";
    static final String PDF = "application/pdf";
    static final String HTML = MediaType.TEXT_HTML;

    private Rendition() {
    }

    /**
     * @param offered format name to media type, first = default (e.g. svg -> image/svg+xml, png -> image/png)
     */
    static String choose(String format, HttpHeaders headers, List<String[]> offered) {
        if (format != null) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            for (String[] o : offered) {
                if (o[0].equals(f)) {
                    return o[1];
                }
            }
            throw new ProblemException(ErrorCode.REPORT_FORMAT_UNSUPPORTED, "Unknown format", List.of(new FieldError(
                    "format", "unsupported_format", "must be one of " + String.join(", ",
                            offered.stream().map(o -> o[0]).toList()))));
        }
        List<MediaType> accepted = headers == null ? List.of() : headers.getAcceptableMediaTypes();
        for (MediaType a : accepted) {
            for (String[] o : offered) {
                MediaType m = MediaType.valueOf(o[1]);
                if (!a.isWildcardType() && a.isCompatible(m)) {
                    return o[1];
                }
            }
        }
        return offered.get(0)[1];
    }
}
