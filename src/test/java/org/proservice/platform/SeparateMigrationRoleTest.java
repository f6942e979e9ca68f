package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;
import org.proservice.support.SqlErrors;

/**
 * The production split of database roles: Flyway runs as the migration role (here the local superuser), the service
 * connects as a role of its own that gets DML rights only. The service works; its role cannot rewrite or empty the
 * audit trail or a stored response, cannot switch their triggers off and cannot touch Flyway's history.
 */
@QuarkusTest
@TestProfile(SeparateMigrationRoleTest.Profile.class)
class SeparateMigrationRoleTest {

    static final String ROLE = "pro_app_role_test";
    static final String SCHEMA = "pro_test_roles";
    static final String URL = System.getenv().getOrDefault("PRO_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
    static final String OWNER = System.getenv().getOrDefault("PRO_DB_USER", "postgres");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pro.db.schema", SCHEMA,
                    "quarkus.datasource.username", ROLE,
                    "quarkus.datasource.password", "",
                    "pro.db.migration.user", OWNER,
                    "pro.db.migration.password", System.getenv().getOrDefault("PRO_DB_PASSWORD", ""));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ServiceRole.class));
        }
    }

    /** Creates the service's login role before the application starts (the migration role grants it its rights). */
    public static class ServiceRole implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (Connection c = owner(); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; "
                        + "END $$");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create role " + ROLE, e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    static Connection owner() throws SQLException {
        return DriverManager.getConnection(URL, OWNER, System.getenv().getOrDefault("PRO_DB_PASSWORD", ""));
    }

    static Connection service() throws SQLException {
        Connection c = DriverManager.getConnection(URL, ROLE, "");
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
        }
        return c;
    }

    @Test
    void theServiceRunsOnDmlRightsAndItsWritesAreAudited() throws SQLException {
        String admin = TestTokens.bearer(TestTokens.admin("roles-admin"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Roles study", "arms", List.of(Map.of("code", "arm-a", "label", "A"))))
                .when().post("/api/v1/studies")
                .then().statusCode(201);
        given().header("Authorization", admin).when().get("/api/v1/audit?limit=5").then().statusCode(200);
        try (Connection c = owner(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tableowner FROM pg_tables WHERE schemaname = '" + SCHEMA
                        + "' AND tablename = 'audit_event'")) {
            assertTrue(rs.next());
            assertEquals(OWNER, rs.getString(1), "the migration role owns the tables");
        }
    }

    @Test
    void theServiceRoleCannotRewriteTheAuditTrailOrResponses() throws SQLException {
        try (Connection c = service(); Statement s = c.createStatement()) {
            for (String[] table : List.of(new String[] { "audit_event", "outcome" },
                    new String[] { "response", "band" })) {
                assertRefused(s, "UPDATE " + table[0] + " SET " + table[1] + " = " + table[1], "permission denied");
                assertRefused(s, "DELETE FROM " + table[0], "permission denied");
                assertRefused(s, "TRUNCATE " + table[0], "permission denied");
                assertRefused(s, "ALTER TABLE " + table[0] + " DISABLE TRIGGER ALL", "must be owner");
                assertRefused(s, "DROP TABLE " + table[0], "must be owner");
            }
            assertRefused(s, "SELECT count(*) FROM flyway_schema_history", "permission denied");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_event")) {
                assertTrue(rs.next(), "the service reads the audit trail");
            }
        }
    }

    private static void assertRefused(Statement s, String sql, String reason) {
        SqlErrors.assertRefused(SqlErrors.INSUFFICIENT_PRIVILEGE, reason, () -> s.execute(sql), sql);
    }
}
