package org.proservice.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Checks that PostgreSQL answers, then lets Flyway bring the schema up to date, before anything else starts.
 * When the database cannot be reached the service refuses to start with one sentence naming the settings to
 * change, instead of a page of driver stack traces.
 */
@ApplicationScoped
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class);

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final String url;
    private final boolean cleanAtStart;

    DatabaseMigrator(AgroalDataSource dataSource, Flyway flyway,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "pro.db.clean-at-start", defaultValue = "false") boolean cleanAtStart) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.url = url;
        this.cleanAtStart = cleanAtStart;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        try (Connection ignored = dataSource.getConnection()) {
            LOG.debugf("PostgreSQL reachable at %s", url);
        } catch (SQLException e) {
            throw new DatabaseUnreachableException("PostgreSQL is not reachable at " + url + " (" + rootMessage(e)
                    + "); start PostgreSQL or set PRO_DB_URL, PRO_DB_USER and PRO_DB_PASSWORD to a running server.");
        }
        if (cleanAtStart) {
            LOG.info("pro.db.clean-at-start is on: dropping every object of the service's schema");
            flyway.clean();
        }
        var result = flyway.migrate();
        LOG.infof("Database schema at version %s (%d migration(s) applied)",
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(),
                result.migrationsExecuted);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Startup failure without a stack trace: the message says everything an operator needs. */
    public static final class DatabaseUnreachableException extends RuntimeException {
        DatabaseUnreachableException(String message) {
            super(message, null, false, false);
        }
    }
}
