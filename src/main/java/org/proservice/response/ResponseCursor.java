package org.proservice.response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;

/**
 * Opaque keyset cursor of a history page: (completed_at, id) of its last item. Clients pass it back unchanged;
 * anything that does not decode is a 400 ({@link ErrorCode#INVALID_CURSOR}).
 */
public record ResponseCursor(Instant completedAt, UUID id) {

    private static final String VERSION = "r1";

    public String encode() {
        long micros = completedAt.getEpochSecond() * 1_000_000L + completedAt.getNano() / 1_000;
        String raw = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    public static ResponseCursor of(ResponseRecord last) {
        return new ResponseCursor(last.completedAt, last.id);
    }

    /** Null for a null or blank cursor (first page). */
    public static ResponseCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            long micros = Long.parseLong(parts[1]);
            return new ResponseCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued",
                List.of(new Problem.FieldError("cursor", "invalid_cursor", "pass back nextCursor unchanged")));
    }
}
