package org.proservice.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises "the database is not there" among the many shapes a JDBC failure takes. */
public final class DatabaseFailures {

    /** How Agroal says that no connection became free within the acquisition timeout. */
    static final String POOL_WAIT_EXPIRED = "Sorry, acquisition timeout";

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            // Agroal's pool wait ran out (PRO_DB_ACQUISITION_TIMEOUT): a plain SQLException without a state, which
            // Hibernate wraps as a GenericJDBCException. The database is busy, not broken: 503 with Retry-After.
            if (t instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().startsWith(POOL_WAIT_EXPIRED)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08xxx connection exceptions, 57P0x operator intervention (shutdown, crash recovery)
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
