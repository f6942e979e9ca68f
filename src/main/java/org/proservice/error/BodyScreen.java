package org.proservice.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * The payload rule for every JSON request body, in one place: before any endpoint's reader sees the body, it is
 * walked once ({@link JsonBodyScreen}); unsafe text ({@link SafeText}) is refused with 422 and a key given twice in
 * one object with 400, each naming the field. No endpoint has to remember the rule.
 */
@Provider
public class BodyScreen implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        MediaType type = context.getMediaType();
        if (type == null || !type.getSubtype().toLowerCase().contains("json")) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        JsonBodyScreen.screen(body).ifPresent(BodyScreen::refuse);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static void refuse(JsonBodyScreen.Finding finding) {
        if (finding.kind() == JsonBodyScreen.Kind.UNSAFE_TEXT) {
            throw new ProblemException(ErrorCode.UNSAFE_TEXT,
                    "A text field contains characters that cannot be stored", List.of(SafeText.refusal(finding.field())));
        }
        throw new ProblemException(ErrorCode.MALFORMED_REQUEST, "The request body names a field twice",
                List.of(new Problem.FieldError(finding.field(), "duplicate_key", "given more than once")));
    }
}
