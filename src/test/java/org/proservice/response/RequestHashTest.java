package org.proservice.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The hash that decides whether an idempotent retry is "the same request". */
class RequestHashTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String hash(String scope, String body) {
        return RequestHash.of(scope, json(body));
    }

    @Test
    void isSha256InLowerCaseHex() {
        String h = hash("self|p1", "{\"a\":1}");
        assertEquals(64, h.length());
        assertTrue(h.matches("[0-9a-f]{64}"), h);
    }

    @Test
    void keyOrderDoesNotMatterAtAnyDepth() {
        String a = "{\"instrumentId\":\"phq9\",\"answers\":{\"q1\":1,\"q2\":null},\"meta\":[{\"x\":1,\"y\":2}]}";
        String b = "{\"meta\":[{\"y\":2,\"x\":1}],\"answers\":{\"q2\":null,\"q1\":1},\"instrumentId\":\"phq9\"}";
        assertEquals(hash("self|p1", a), hash("self|p1", b));
    }

    @Test
    void whitespaceDoesNotMatter() {
        assertEquals(hash("s", "{\"a\":[1,2]}"), hash("s", "{ \"a\" : [ 1 , 2 ] }\n"));
    }

    @Test
    void anyChangeOfAValueChangesTheHash() {
        String base = hash("s", "{\"answers\":{\"q1\":1}}");
        assertNotEquals(base, hash("s", "{\"answers\":{\"q1\":2}}"));
        assertNotEquals(base, hash("s", "{\"answers\":{\"q1\":null}}"));
        assertNotEquals(base, hash("s", "{\"answers\":{}}"), "an absent item differs from an answered one");
        assertNotEquals(base, hash("s", "{\"answers\":{\"q1\":\"1\"}}"), "a string differs from a number");
        assertNotEquals(base, hash("s", "{\"answers\":{\"q1\":1.0}}"), "1.0 differs from 1 as the reader gives it");
    }

    @Test
    void arrayOrderMatters() {
        assertNotEquals(hash("s", "{\"a\":[1,2]}"), hash("s", "{\"a\":[2,1]}"));
    }

    @Test
    void theScopeIsPartOfTheHash() {
        String body = "{\"a\":1}";
        assertNotEquals(hash("self|patient-1", body), hash("self|patient-2", body), "another patient");
        assertNotEquals(hash("self|patient-1", body), hash("staff|patient-1", body), "another mode of submission");
    }

    @Test
    void scopeAndBodyCannotBeShiftedIntoEachOther() {
        // the scope is closed by a zero byte, so no scope/body split of the same bytes hashes alike
        assertNotEquals(RequestHash.of("ab", json("\"c\"")), RequestHash.of("a", json("\"bc\"")));
    }

    @Test
    void aMissingBodyHashesAsJsonNull() {
        assertEquals(RequestHash.of("s", null), hash("s", "null"));
    }
}
