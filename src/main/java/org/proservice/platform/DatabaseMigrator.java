package org.proservice.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Checks that PostgreSQL answers, then lets Flyway bring the schema up to date, before anything else starts.
 * When the database cannot be reached the service refuses to start with one sentence naming the settings to
 * change, instead of a page of driver stack traces.
 *
 * <h2>Separate migration role (production)</h2>
 * With {@code PRO_DB_MIGRATION_USER} (and {@code PRO_DB_MIGRATION_PASSWORD}) set, Flyway runs as that role, which
 * owns the schema and its tables, and the service's own role ({@code PRO_DB_USER}) is then granted only what it
 * needs: it reads and writes the tables, but may not UPDATE, DELETE or TRUNCATE {@code audit_event} and
 * {@code response}, and - not being their owner - cannot disable their triggers or alter them. So a compromised or
 * buggy service cannot rewrite the audit trail or a stored answer. Without it (dev, tests, small installs) one
 * role does both, and the append-only guarantees rest on the triggers alone; production then refuses to start
 * unless {@code PRO_DB_ALLOW_OWNER_ROLE=true} says so deliberately ({@link OwnerRoleCheck}).
 *
 * <h2>When migrations run ({@code PRO_DB_MIGRATE})</h2>
 * <ul>
 * <li>{@code at-start} (default): migrate, then serve.</li>
 * <li>{@code only}: migrate, grant the service role its rights, and exit with status 0 without serving. The
 * Kubernetes migration Job ({@code k8s/migrate/}) runs the image this way with the migration role's Secret, so
 * serving pods never receive the owner's credentials.</li>
 * <li>{@code external}: never migrate (a separate step keeps the schema current); the role check still runs.</li>
 * </ul>
 */
@ApplicationScoped
public class DatabaseMigrator {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class);

    /** Tables the service may add to but never change or empty. */
    static final List<String> APPEND_ONLY_TABLES = List.of("audit_event", "response");

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final String url;
    private final String appUser;
    private final String schema;
    private final Optional<String> migrationUser;
    private final Optional<String> migrationPassword;
    private final boolean cleanAtStart;
    private final String mode;
    private final boolean allowOwnerRole;

    DatabaseMigrator(AgroalDataSource dataSource, Flyway flyway,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String appUser,
            @ConfigProperty(name = "pro.db.schema") String schema,
            @ConfigProperty(name = "pro.db.migration.user") Optional<String> migrationUser,
            @ConfigProperty(name = "pro.db.migration.password") Optional<String> migrationPassword,
            @ConfigProperty(name = "pro.db.clean-at-start", defaultValue = "false") boolean cleanAtStart,
            @ConfigProperty(name = "pro.db.migrate", defaultValue = "at-start") String mode,
            @ConfigProperty(name = "pro.db.allow-owner-role", defaultValue = "false") boolean allowOwnerRole) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.url = url;
        this.appUser = appUser;
        this.schema = schema;
        this.migrationUser = migrationUser.filter(u -> !u.isBlank() && !u.equals(appUser));
        this.migrationPassword = migrationPassword;
        this.cleanAtStart = cleanAtStart;
        this.mode = mode.trim().toLowerCase(java.util.Locale.ROOT);
        this.allowOwnerRole = allowOwnerRole;
        if (!List.of(AT_START, ONLY, EXTERNAL).contains(this.mode)) {
            throw new StartupRefusedException("PRO_DB_MIGRATE is '" + mode + "'; it must be one of at-start, "
                    + "only, external.");
        }
    }

    static final String AT_START = "at-start";
    static final String ONLY = "only";
    static final String EXTERNAL = "external";

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (ONLY.equals(mode)) {
            migrateOnly();
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            LOG.debugf("PostgreSQL reachable at %s", url);
        } catch (SQLException e) {
            throw new StartupRefusedException("PostgreSQL is not reachable at " + url + " (" + rootMessage(e)
                    + "); start PostgreSQL or set PRO_DB_URL, PRO_DB_USER and PRO_DB_PASSWORD to a running server.");
        }
        if (AT_START.equals(mode)) {
            migrate();
        } else {
            LOG.infof("PRO_DB_MIGRATE=external: schema %s is kept current by a separate migration step", schema);
        }
        checkServiceRole();
    }

    /** The migration step of a deployment: migrate as the migration role (or the service role), then exit 0. */
    private void migrateOnly() {
        migrate();
        LOG.info("PRO_DB_MIGRATE=only: the schema is current; exiting without serving");
        io.quarkus.runtime.Quarkus.asyncExit(0);
    }

    private void migrate() {
        Flyway migrator = migrationUser.map(user -> Flyway.configure()
                .configuration(flyway.getConfiguration())
                .dataSource(url, user, migrationPassword.orElse(""))
                .load()).orElse(flyway);
        try (Connection c = migrator.getConfiguration().getDataSource().getConnection()) {
            LOG.debugf("PostgreSQL reachable at %s as the migration role", url);
        } catch (SQLException e) {
            throw new StartupRefusedException("PostgreSQL is not reachable at " + url + " for migrations ("
                    + rootMessage(e) + "); check PRO_DB_URL and " + (migrationUser.isPresent()
                            ? "PRO_DB_MIGRATION_USER / PRO_DB_MIGRATION_PASSWORD."
                            : "PRO_DB_USER / PRO_DB_PASSWORD."));
        }
        if (cleanAtStart) {
            LOG.info("pro.db.clean-at-start is on: dropping every object of the service's schema");
            migrator.clean();
        }
        var result = migrator.migrate();
        // The version from the migrate result: each migrator.info() is another Flyway run (connection, schema
        // history, every migration file resolved again), about 0.1 s of start-up.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                : result.initialSchemaVersion;
        LOG.infof("Database schema at version %s (%d migration(s) applied%s)", version == null ? "none" : version,
                result.migrationsExecuted, migrationUser.map(u -> " as " + u).orElse(""));
        migrationUser.ifPresent(user -> grantServiceRole(migrator, user));
    }

    /** Refuses to serve as a role that could rewrite the append-only tables, unless deliberately allowed. */
    private void checkServiceRole() {
        List<String> findings;
        try (Connection c = dataSource.getConnection()) {
            findings = OwnerRoleCheck.findings(c, schema);
        } catch (SQLException e) {
            throw new StartupRefusedException("Could not check the rights of role " + appUser + " on schema "
                    + schema + ": " + rootMessage(e));
        }
        if (findings.isEmpty()) {
            return;
        }
        String what = String.join("; ", findings);
        if (allowOwnerRole) {
            LOG.warnf("The service role can rewrite the audit trail and stored responses (%s); accepted because "
                    + "PRO_DB_ALLOW_OWNER_ROLE is true", what);
            return;
        }
        throw new StartupRefusedException("Refusing to start: " + what + ", so the service could rewrite the "
                + "audit trail and stored responses. Connect with a role that owns no tables (PRO_DB_USER) and run "
                + "migrations as the owner role (PRO_DB_MIGRATION_USER / PRO_DB_MIGRATION_PASSWORD, or a separate "
                + "step with PRO_DB_MIGRATE=only); or accept one role for everything with PRO_DB_ALLOW_OWNER_ROLE=true.");
    }

    /** Run as the migration role after every migration: the service role's rights on the current tables. */
    private void grantServiceRole(Flyway migrator, String user) {
        String role = quoteIdent(appUser);
        String s = quoteIdent(schema);
        List<String> statements = new ArrayList<>(List.of(
                "GRANT USAGE ON SCHEMA " + s + " TO " + role,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + s + " TO " + role,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + s + " TO " + role,
                "REVOKE ALL ON " + s + ".flyway_schema_history FROM " + role));
        for (String table : APPEND_ONLY_TABLES) {
            statements.add("REVOKE UPDATE, DELETE, TRUNCATE ON " + s + "." + table + " FROM " + role);
        }
        try (Connection c = migrator.getConfiguration().getDataSource().getConnection();
                Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the service role " + appUser + " its rights on schema "
                    + schema + " as " + user + ": " + rootMessage(e), e);
        }
        LOG.infof("Service role %s may read and write the tables of %s; %s are append-only for it", appUser, schema,
                APPEND_ONLY_TABLES);
    }

    /** A PostgreSQL identifier in double quotes (role and schema names come from configuration). */
    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Startup failure without a stack trace: the message says everything an operator needs. */
    public static final class StartupRefusedException extends RuntimeException {
        StartupRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
