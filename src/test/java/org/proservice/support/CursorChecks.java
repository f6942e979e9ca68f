package org.proservice.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;

/** The one answer to a cursor the service did not issue: 400, PRO-1200, naming the {@code cursor} parameter. */
public final class CursorChecks {

    private CursorChecks() {
    }

    public static void assertRefused(Function<String, ?> decode, List<String> cursors) {
        for (String cursor : cursors) {
            ProblemException e = assertThrows(ProblemException.class, () -> decode.apply(cursor),
                    "cursor " + cursor);
            assertEquals(ErrorCode.INVALID_CURSOR, e.errorCode(), "cursor " + cursor);
            assertEquals(400, e.errorCode().status());
            assertEquals("The cursor is not one this service issued", e.getMessage());
            assertEquals(List.of(new Problem.FieldError("cursor", "invalid_cursor", "pass back nextCursor unchanged")),
                    e.errors(), "cursor " + cursor);
        }
    }
}
