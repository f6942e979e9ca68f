package org.proservice.platform;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;

/**
 * The one codec of the API's keyset cursors (alert, audit and response pages). A cursor names the last row of a
 * page by its sort key: a time, kept to the microsecond as PostgreSQL stores it, and the row's id. On the wire it
 * is the ASCII text {@code <version>:<epoch microseconds>:<id>}, base64url-encoded without padding. The version
 * names the list ({@code l1} alerts, {@code a1} audit events, {@code r1} responses), so the cursor of one list is
 * refused by another. Clients pass it back unchanged; anything that does not decode is a 400
 * ({@link ErrorCode#INVALID_CURSOR}) naming the {@code cursor} parameter.
 *
 * @param <K> the type of the row id
 */
public final class KeysetCursor<K> {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final String version;
    private final Function<String, K> parseId;

    private KeysetCursor(String version, Function<String, K> parseId) {
        this.version = version;
        this.parseId = parseId;
    }

    /** Cursors over rows with UUID ids. */
    public static KeysetCursor<UUID> uuidIds(String version) {
        return new KeysetCursor<>(version, UUID::fromString);
    }

    /** Cursors over rows with non-negative numeric ids. */
    public static KeysetCursor<Long> longIds(String version) {
        return new KeysetCursor<>(version, text -> {
            long id = Long.parseLong(text);
            if (id < 0) {
                throw new IllegalArgumentException("negative id");
            }
            return id;
        });
    }

    public String encode(Instant at, K id) {
        long micros = at.getEpochSecond() * MICROS_PER_SECOND + at.getNano() / 1_000;
        String raw = version + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The position a cursor names, as the caller's key type ({@code (time, id) -> key}); a 400 problem for anything
     * this codec did not issue, null included.
     */
    public <T> T decode(String cursor, BiFunction<Instant, K, T> key) {
        if (cursor == null) {
            throw invalid();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 3 || !version.equals(parts[0])) {
                throw invalid();
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                    Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
            return key.apply(at, parseId.apply(parts[2]));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid();
        }
    }

    /** Null (the first page) for a null or blank cursor, otherwise {@link #decode(String, BiFunction)}. */
    public <T> T decodeOrFirstPage(String cursor, BiFunction<Instant, K, T> key) {
        return cursor == null || cursor.isBlank() ? null : decode(cursor, key);
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued",
                List.of(new Problem.FieldError("cursor", "invalid_cursor", "pass back nextCursor unchanged")));
    }
}
