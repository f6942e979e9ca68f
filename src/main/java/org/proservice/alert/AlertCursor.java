package org.proservice.alert;

import java.time.Instant;
import java.util.UUID;
import org.proservice.platform.KeysetCursor;

/** Keyset position of an alert page: (raised_at, id) of its last alert, written by {@link KeysetCursor}. */
record AlertCursor(Instant raisedAt, UUID id) {

    private static final KeysetCursor<UUID> CODEC = KeysetCursor.uuidIds("l1");

    String encode() {
        return CODEC.encode(raisedAt, id);
    }

    /** Null for a null or blank cursor (first page). */
    static AlertCursor decode(String cursor) {
        return CODEC.decodeOrFirstPage(cursor, AlertCursor::new);
    }
}
