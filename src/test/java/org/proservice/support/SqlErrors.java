package org.proservice.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.function.Executable;

/** A statement the database must refuse, for the stated reason: SQLSTATE and a word of the message. */
public final class SqlErrors {

    /**
     * {@code insufficient_privilege}: a missing grant ("permission denied"), a table the role does not own ("must be
     * owner"), and the triggers that keep responses, protocol versions and the audit trail unchanged.
     */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    private SqlErrors() {
    }

    public static SQLException assertRefused(String sqlState, String messagePart, Executable statement,
            String what) {
        SQLException e = assertThrows(SQLException.class, statement, what);
        assertEquals(sqlState, e.getSQLState(), what + " -> " + e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), what + " -> " + e.getMessage());
        return e;
    }
}
