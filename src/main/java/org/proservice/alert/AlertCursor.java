package org.proservice.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;

/** Opaque keyset cursor of an alert page: (raised_at, id) of its last alert. */
record AlertCursor(Instant raisedAt, UUID id) {

    private static final String VERSION = "l1";

    String encode() {
        long micros = raisedAt.getEpochSecond() * 1_000_000L + raisedAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static AlertCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            long micros = Long.parseLong(parts[1]);
            return new AlertCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
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
