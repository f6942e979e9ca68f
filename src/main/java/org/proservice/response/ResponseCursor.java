package org.proservice.response;

import java.time.Instant;
import java.util.UUID;
import org.proservice.platform.KeysetCursor;

/** Keyset position of a history page: (completed_at, id) of its last item, written by {@link KeysetCursor}. */
public record ResponseCursor(Instant completedAt, UUID id) {

    private static final KeysetCursor<UUID> CODEC = KeysetCursor.uuidIds("r1");

    public String encode() {
        return CODEC.encode(completedAt, id);
    }

    public static ResponseCursor of(ResponseRecord last) {
        return new ResponseCursor(last.completedAt, last.id);
    }

    /** Null for a null or blank cursor (first page). */
    public static ResponseCursor decode(String cursor) {
        return CODEC.decodeOrFirstPage(cursor, ResponseCursor::new);
    }
}
