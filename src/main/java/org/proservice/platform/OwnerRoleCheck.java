package org.proservice.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the role the service connects as could rewrite what must stay append-only. The append-only guarantee of
 * {@code audit_event} and {@code response} rests on triggers and on the service role lacking UPDATE, DELETE and
 * TRUNCATE; a role that owns those tables (or may act as their owner, or is a superuser) can drop the triggers and
 * grant itself the rest. Production refuses to start in that case unless {@code PRO_DB_ALLOW_OWNER_ROLE=true}.
 */
public final class OwnerRoleCheck {

    private OwnerRoleCheck() {
    }

    /**
     * What the connection's role may do that it should not, one sentence each; empty when it is a plain DML role.
     * Tables that do not exist yet are skipped (nobody owns them).
     */
    public static List<String> findings(Connection connection, String schema) throws SQLException {
        List<String> findings = new ArrayList<>();
        String role;
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user");
                ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return findings;
            }
            role = rs.getString(1);
            if (rs.getBoolean(2)) {
                findings.add("role " + role + " is a PostgreSQL superuser");
            }
        }
        try (PreparedStatement st = connection.prepareStatement("""
                SELECT c.relname, pg_get_userbyid(c.relowner)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname = ANY (?) AND c.relkind IN ('r', 'p')
                   AND pg_has_role(current_user, c.relowner, 'MEMBER')
                 ORDER BY c.relname""")) {
            st.setString(1, schema);
            st.setArray(2, connection.createArrayOf("text", DatabaseMigrator.APPEND_ONLY_TABLES.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(2);
                    findings.add(owner.equals(role) ? "role " + role + " owns " + schema + "." + rs.getString(1)
                            : "role " + role + " is a member of " + owner + ", the owner of " + schema + "."
                                    + rs.getString(1));
                }
            }
        }
        return findings;
    }
}
