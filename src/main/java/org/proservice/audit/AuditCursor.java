package org.proservice.audit;

import java.time.Instant;
import org.proservice.platform.KeysetCursor;

/** Keyset position of an audit page: (occurred_at, id) of its last event, written by {@link KeysetCursor}. */
record AuditCursor(Instant occurredAt, long id) {

    private static final KeysetCursor<Long> CODEC = KeysetCursor.longIds("a1");

    String encode() {
        return CODEC.encode(occurredAt, id);
    }

    static AuditCursor of(AuditEvent last) {
        return new AuditCursor(last.occurredAt, last.id);
    }

    /** Every string passed here must decode: the caller treats an absent or empty cursor as the first page. */
    static AuditCursor decode(String cursor) {
        return CODEC.decode(cursor, AuditCursor::new);
    }
}
