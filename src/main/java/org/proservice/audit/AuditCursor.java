package org.proservice.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;

/**
 * Opaque keyset cursor: the (occurred_at, id) of the last event of a page. Clients pass it back unchanged;
 * anything that does not decode is a 400.
 */
record AuditCursor(Instant occurredAt, long id) {

    private static final String VERSION = "a1";

    String encode() {
        long micros = occurredAt.getEpochSecond() * 1_000_000L + occurredAt.getNano() / 1_000;
        String raw = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static AuditCursor of(AuditEvent last) {
        return new AuditCursor(last.occurredAt, last.id);
    }

    static AuditCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            long micros = Long.parseLong(parts[1]);
            long id = Long.parseLong(parts[2]);
            if (id < 0) {
                throw invalid();
            }
            return new AuditCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), id);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued",
                List.of(new Problem.FieldError("cursor", "invalid_cursor", "pass back nextCursor unchanged")));
    }
}
