package org.proservice.error;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first router handler: refuses, as problem+json, a request URI longer than {@code pro.http.max-uri-length}
 * (414), request headers larger than {@code pro.http.max-header-size} in total (431), and a path or query parameter
 * that breaks the payload rule ({@link SafeText}) or is not UTF-8 once percent-decoded (422, naming the parameter).
 * <p>
 * The connection codec's own limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code quarkus.http.limits.max-header-size}) are set well above these, so that the refusal is made here, in the
 * problem shape; only a request beyond the codec limits still gets the codec's bare status line.
 */
@ApplicationScoped
public class RequestLineLimits {

    private final int maxUriLength;
    private final int maxHeaderSize;

    RequestLineLimits(@ConfigProperty(name = "pro.http.max-uri-length", defaultValue = "8192") int maxUriLength,
            @ConfigProperty(name = "pro.http.max-header-size", defaultValue = "16384") int maxHeaderSize) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize;
    }

    void install(@Observes Router router) {
        router.route().order(-6).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri.length() > maxUriLength) {
            close(rc, ErrorCode.URI_TOO_LONG, "The request URI is longer than " + maxUriLength + " characters",
                    List.of());
            return;
        }
        if (headerSize(rc) > maxHeaderSize) {
            close(rc, ErrorCode.HEADERS_TOO_LARGE, "The request headers are larger than " + maxHeaderSize + " bytes",
                    List.of());
            return;
        }
        String unsafe = unsafeParameter(uri);
        if (unsafe != null) {
            ProblemResponses.send(rc, ErrorCode.UNSAFE_TEXT, "A path or query parameter cannot be accepted",
                    List.of(SafeText.refusal(unsafe)), response -> { });
            return;
        }
        rc.next();
    }

    private static int headerSize(RoutingContext rc) {
        int size = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    /** The name of the first unacceptable part of the URI ("path", or the query parameter's name), else null. */
    static String unsafeParameter(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String decodedPath = decode(path, false);
        if (decodedPath == null || !SafeText.isSafe(decodedPath)) {
            return "path";
        }
        if (q < 0) {
            return null;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            if (name == null || !SafeText.isSafe(name)) {
                return "query";
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            if (value == null || !SafeText.isSafe(value)) {
                return name.length() > 64 ? "query" : name;
            }
        }
        return null;
    }

    /** Strict percent-decoding as UTF-8; null when the bytes are not UTF-8 or an escape is broken. */
    private static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void close(RoutingContext rc, ErrorCode code, String detail, List<Problem.FieldError> errors) {
        ProblemResponses.send(rc, code, detail, errors,
                response -> response.putHeader(HttpHeaders.CONNECTION, "close"));
    }
}
