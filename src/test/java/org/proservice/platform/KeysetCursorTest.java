package org.proservice.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proservice.support.CursorChecks;

/**
 * The one keyset-cursor codec. The expected cursors below were written by hand from the wire format the three
 * earlier per-list codecs used (base64url without padding of {@code <version>:<epoch micros>:<id>}), so a cursor a
 * client holds from before still decodes to the same position, and the codec still writes the same text.
 */
class KeysetCursorTest {

    static final Instant AT = Instant.parse("2026-03-09T08:15:30.123456Z");
    static final UUID ALERT = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-0123456789ab");
    static final UUID RESPONSE = UUID.fromString("0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3");

    /** {@code l1:1773044130123456:6f1c2d3e-4b5a-4c6d-8e7f-0123456789ab} */
    static final String ALERT_CURSOR = "bDE6MTc3MzA0NDEzMDEyMzQ1Njo2ZjFjMmQzZS00YjVhLTRjNmQtOGU3Zi0wMTIzNDU2Nzg5YWI";
    /** {@code a1:1773044130123456:4711} */
    static final String AUDIT_CURSOR = "YTE6MTc3MzA0NDEzMDEyMzQ1Njo0NzEx";
    /** {@code r1:1773044130123456:0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3} */
    static final String RESPONSE_CURSOR = "cjE6MTc3MzA0NDEzMDEyMzQ1NjowYTFiMmMzZC00ZTVmLTRhNmItOWM3ZC04ZTlmYTBiMWMyZDM";

    record Key<K>(Instant at, K id) {
    }

    @Test
    void writesTheWireFormatOfEachList() {
        assertEquals(ALERT_CURSOR, KeysetCursor.uuidIds("l1").encode(AT, ALERT));
        assertEquals(AUDIT_CURSOR, KeysetCursor.longIds("a1").encode(AT, 4711L));
        assertEquals(RESPONSE_CURSOR, KeysetCursor.uuidIds("r1").encode(AT, RESPONSE));
    }

    @Test
    void readsCursorsIssuedBeforeToTheSamePosition() {
        assertEquals(new Key<>(AT, ALERT), KeysetCursor.uuidIds("l1").decode(ALERT_CURSOR, Key::new));
        assertEquals(new Key<>(AT, 4711L), KeysetCursor.longIds("a1").decode(AUDIT_CURSOR, Key::new));
        assertEquals(new Key<>(AT, RESPONSE), KeysetCursor.uuidIds("r1").decode(RESPONSE_CURSOR, Key::new));
    }

    @Test
    void keepsMicrosecondsAndTimesBeforeTheEpoch() {
        KeysetCursor<UUID> codec = KeysetCursor.uuidIds("r1");
        Instant before = Instant.parse("1969-12-31T23:59:59.999Z");
        // r1:-1000:0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3
        String cursor = "cjE6LTEwMDA6MGExYjJjM2QtNGU1Zi00YTZiLTljN2QtOGU5ZmEwYjFjMmQz";
        assertEquals(cursor, codec.encode(before, RESPONSE));
        assertEquals(new Key<>(before, RESPONSE), codec.decode(cursor, Key::new));
        // nanoseconds below the microsecond are not part of a position (PostgreSQL stores microseconds)
        assertEquals(RESPONSE_CURSOR, codec.encode(AT.plusNanos(999), RESPONSE));
    }

    @Test
    void aCursorOfOneListIsRefusedByTheOthers() {
        Map<String, Function<String, ?>> lists = Map.of(
                "l1", c -> KeysetCursor.uuidIds("l1").decode(c, Key::new),
                "a1", c -> KeysetCursor.longIds("a1").decode(c, Key::new),
                "r1", c -> KeysetCursor.uuidIds("r1").decode(c, Key::new));
        CursorChecks.assertRefused(lists.get("l1"), List.of(AUDIT_CURSOR, RESPONSE_CURSOR));
        CursorChecks.assertRefused(lists.get("a1"), List.of(ALERT_CURSOR, RESPONSE_CURSOR));
        CursorChecks.assertRefused(lists.get("r1"), List.of(ALERT_CURSOR, AUDIT_CURSOR));
    }

    @Test
    void garbageAndTamperedCursorsAreTheSameBadRequest() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        List<String> bad = List.of("garbage", "%%%", "", " ", "cjE6",
                RESPONSE_CURSOR.substring(1), RESPONSE_CURSOR.substring(0, 10),
                b64.encodeToString("r1:x:0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3".getBytes()),
                b64.encodeToString("r1:1:not-a-uuid".getBytes()),
                b64.encodeToString("r1:1".getBytes()),
                b64.encodeToString("r1:1:2:3:4".getBytes()),
                b64.encodeToString(("r1:" + Long.MAX_VALUE + "0:0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3").getBytes()),
                b64.encodeToString("R1:1:0a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3".getBytes()));
        KeysetCursor<UUID> responses = KeysetCursor.uuidIds("r1");
        CursorChecks.assertRefused(c -> responses.decode(c, Key::new), bad);
        CursorChecks.assertRefused(c -> responses.decode(c, Key::new), java.util.Collections.singletonList(null));
        KeysetCursor<Long> audit = KeysetCursor.longIds("a1");
        CursorChecks.assertRefused(c -> audit.decode(c, Key::new), List.of(
                b64.encodeToString("a1:1:-5".getBytes()), b64.encodeToString("a1:1:x".getBytes()),
                b64.encodeToString("a9:1:1".getBytes())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankCursorIsTheFirstPageWhereTheListAllowsIt(String blank) {
        assertNull(KeysetCursor.uuidIds("r1").decodeOrFirstPage(blank, Key::new));
        assertNull(KeysetCursor.uuidIds("r1").decodeOrFirstPage(null, Key::new));
    }
}
