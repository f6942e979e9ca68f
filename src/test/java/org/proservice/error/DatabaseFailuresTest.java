package org.proservice.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/**
 * The pool's "no connection free in time" is a busy database (503 with Retry-After), not an internal error: found
 * under load on /fhir/r4 by bench/peers/run.sh, where Hibernate wrapped it as a GenericJDBCException and it became a
 * 500. The exception here is the one a real Agroal pool throws when its only connection is taken.
 */
class DatabaseFailuresTest {

    @Test
    void aPoolWaitThatRunsOutIsUnavailableEvenWrappedByHibernate() throws Exception {
        String url = System.getenv().getOrDefault("PRO_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
        Map<String, String> props = Map.of(
                AgroalPropertiesReader.JDBC_URL, url,
                AgroalPropertiesReader.PRINCIPAL, System.getenv().getOrDefault("PRO_DB_USER", "postgres"),
                AgroalPropertiesReader.CREDENTIAL, System.getenv().getOrDefault("PRO_DB_PASSWORD", ""),
                AgroalPropertiesReader.MAX_SIZE, "1",
                AgroalPropertiesReader.ACQUISITION_TIMEOUT_S, "1");
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalPropertiesReader().readProperties(props));
                Connection taken = pool.getConnection()) {
            SQLException timeout = null;
            try (Connection second = pool.getConnection()) {
                // not expected: the only connection is taken
            } catch (SQLException e) {
                timeout = e;
            }
            assertTrue(timeout != null, "the pool handed out a second connection");
            assertTrue(DatabaseFailures.isUnavailable(timeout), timeout.toString());
            assertTrue(DatabaseFailures.isUnavailable(new GenericJDBCException("Unable to acquire JDBC Connection",
                    timeout)), "wrapped by Hibernate");
        }
    }

    @Test
    void anOrdinarySqlErrorIsNotUnavailable() {
        assertFalse(DatabaseFailures.isUnavailable(new GenericJDBCException("bad",
                new SQLException("syntax error at or near", "42601"))));
        assertFalse(DatabaseFailures.isUnavailable(new SQLException("something else")));
    }
}
