package org.proservice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.proservice.support.TestTokens;

/**
 * Migrations apart from the running service, as k8s/migrate/job.yaml and k8s/deployment.yaml run the production jar:
 * one process with {@code PRO_DB_MIGRATE=only} migrates as the owner role and exits 0 without serving; serving
 * processes ({@code PRO_DB_MIGRATE=external}) connect as a DML-only role and never hold the owner's credentials; and
 * a serving process whose role could rewrite {@code audit_event} or {@code response} refuses to start, saying which
 * setting to change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationStepIT {

    static final String OWNER = "pro_it_migration_owner";
    static final String SERVICE = "pro_it_migration_service";

    final String schema = PackagedApplication.schema("_migstep");
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void roles() throws SQLException {
        PackagedApplication.dropSchema(schema);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String role : List.of(OWNER, SERVICE)) {
                s.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; "
                        + "END $$");
            }
            s.execute("GRANT CREATE ON DATABASE " + c.getCatalog() + " TO " + OWNER);
        }
    }

    @AfterAll
    void dropSchema() throws SQLException {
        PackagedApplication.dropSchema(schema);
    }

    @Test
    @Order(1)
    void theMigrationStepMigratesAsTheOwnerAndExitsWithoutServing() throws Exception {
        PackagedApplication.Exited run = PackagedApplication.runToExit(schema, Map.of(
                "PRO_DB_MIGRATE", "only",
                "PRO_DB_USER", SERVICE,
                "PRO_DB_PASSWORD", "",
                "PRO_DB_MIGRATION_USER", OWNER,
                "PRO_DB_MIGRATION_PASSWORD", "",
                "PRO_DB_ALLOW_OWNER_ROLE", "false",
                "PRO_NOTIFY_ENABLED", "false"), Duration.ofSeconds(90));
        String log = String.join("\n", run.output());
        assertEquals(0, run.status(), log);
        assertTrue(log.contains("exiting without serving"), log);
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = '"
                        + schema + "' AND tablename IN ('audit_event', 'response') ORDER BY tablename")) {
            assertTrue(rs.next());
            assertEquals("audit_event", rs.getString(1));
            assertEquals(OWNER, rs.getString(2));
            assertTrue(rs.next());
            assertEquals(OWNER, rs.getString(2), "response is owned by the migration role");
        }
    }

    @Test
    @Order(2)
    void aServingProcessAsTheDmlRoleNeverMigratesAndWorks() throws Exception {
        try (PackagedApplication app = PackagedApplication.start(schema, Map.of(
                "PRO_DB_MIGRATE", "external",
                "PRO_DB_USER", SERVICE,
                "PRO_DB_PASSWORD", "",
                "PRO_DB_ALLOW_OWNER_ROLE", "false"))) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(app.uri("/api/v1/studies"))
                    .header("Authorization", TestTokens.bearer(TestTokens.admin("it-admin")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\": \"Migration step study\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String log = String.join("\n", app.output());
            assertTrue(log.contains("PRO_DB_MIGRATE=external"), log);
            assertFalse(log.contains("migration(s) applied"), "a serving process ran Flyway:\n" + log);
        }
    }

    @Test
    @Order(3)
    void aServingProcessAsTheOwnerRoleRefusesToStartAndNamesTheSetting() throws Exception {
        PackagedApplication.Exited run = PackagedApplication.runToExit(schema, Map.of(
                "PRO_DB_MIGRATE", "external",
                "PRO_DB_USER", OWNER,
                "PRO_DB_PASSWORD", "",
                "PRO_DB_ALLOW_OWNER_ROLE", "false"), Duration.ofSeconds(90));
        String log = String.join("\n", run.output());
        assertNotEquals(0, run.status(), log);
        assertTrue(log.contains("role " + OWNER + " owns " + schema + ".audit_event"), log);
        assertTrue(log.contains("role " + OWNER + " owns " + schema + ".response"), log);
        assertTrue(log.contains("PRO_DB_MIGRATION_USER") && log.contains("PRO_DB_ALLOW_OWNER_ROLE=true"), log);
    }

    @Test
    @Order(4)
    void aSuperuserIsRefusedToo() throws Exception {
        if (!connectsAsSuperuser()) {
            return; // the test database's own role is not a superuser here: nothing to show
        }
        PackagedApplication.Exited run = PackagedApplication.runToExit(schema, Map.of(
                "PRO_DB_MIGRATE", "external",
                "PRO_DB_ALLOW_OWNER_ROLE", "false"), Duration.ofSeconds(90));
        String log = String.join("\n", run.output());
        assertNotEquals(0, run.status(), log);
        assertTrue(log.contains("is a PostgreSQL superuser"), log);

        // With PRO_DB_ALLOW_OWNER_ROLE=true the same start is accepted: every other packaged-jar test runs that way.
    }

    private static boolean connectsAsSuperuser() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(PackagedApplication.dbUrl(), PackagedApplication.dbUser(),
                PackagedApplication.dbPassword());
    }
}
