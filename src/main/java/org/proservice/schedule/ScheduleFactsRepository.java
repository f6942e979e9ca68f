package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The schedule's read model of a few enrollments: the rows of four tables that a schedule is derived from (the
 * patients' time-zone history, the studies' published protocol versions, the enrollments' anchor events and task
 * excusals) in <em>one</em> statement, a {@code UNION ALL} with a kind column, instead of four queries. The task a
 * submission answers is judged against this schedule, so this saves a submission three round trips, and reading
 * plain JDBC rows spares Hibernate four entity hydrations.
 *
 * <p>It is the one place that queries those tables together; their writes stay in their own repositories
 * ({@link EventOccurrenceRepository}, {@link TaskExcusalRepository}, the patient and protocol features). Pending
 * changes of the transaction are flushed first, so an event or excusal recorded a moment ago in the same
 * transaction is seen, as Hibernate's automatic flush before a query did. Does not check access.
 */
@ApplicationScoped
public class ScheduleFactsRepository {

    /** One published protocol version of a study (its definition comes from the protocol cache). */
    public record VersionRow(UUID id, UUID studyId, int version) {
    }

    /**
     * The rows, grouped: zone history entries by patient, anchor dates by enrollment then anchor, versions, and the
     * excusal rows (unmanaged entities, for display).
     */
    public record Rows(Map<UUID, List<ZoneHistory.Entry>> zonesByPatient,
            Map<UUID, Map<String, LocalDate>> eventsByEnrollment, List<VersionRow> versions,
            List<TaskExcusal> excusals) {
    }

    /**
     * The statement; {@code %1$s}, {@code %2$s} and {@code %3$s} are the patient, study and enrollment conditions:
     * {@code = ?} for one id (the usual case: one patient, one study), {@code = ANY (?)} with an array for several.
     * One id is bound as a scalar on purpose: with an array parameter PostgreSQL keeps planning the statement anew
     * on every execution (its generic plan assumes a longer array), which cost more than the three round trips saved.
     */
    static final String SQL = """
            SELECT 'z' AS kind, z.patient_id AS u1, NULL::uuid AS u2, NULL::uuid AS u3, z.valid_from AS at,
                   z.zone_id::text AS s1, NULL::text AS s2, NULL::text AS s3, NULL::text AS s4, NULL::date AS day,
                   NULL::integer AS n
              FROM patient_time_zone z WHERE z.patient_id %1$s
            UNION ALL
            SELECT 'v', v.id, v.study_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, v.version
              FROM protocol_version v WHERE v.study_id %2$s
            UNION ALL
            SELECT 'e', o.enrollment_id, NULL, NULL, NULL, o.anchor, NULL, NULL, NULL, o.local_date, NULL
              FROM event_occurrence o WHERE o.enrollment_id %3$s
            UNION ALL
            SELECT 'x', x.id, x.enrollment_id, x.patient_id, x.excused_at, x.timepoint_key, x.instrument_id, x.reason,
                   x.excused_by, NULL, NULL
              FROM task_excusal x WHERE x.enrollment_id %3$s""";

    /** The statement for each combination of one or several patients, studies and enrollments (bits 0, 1, 2). */
    private static final String[] SHAPES = new String[8];

    static {
        for (int i = 0; i < SHAPES.length; i++) {
            SHAPES[i] = String.format(SQL, (i & 1) == 0 ? "= ?" : "= ANY (?)", (i & 2) == 0 ? "= ?" : "= ANY (?)",
                    (i & 4) == 0 ? "= ?" : "= ANY (?)");
        }
    }

    @Inject
    EntityManager em;

    /** The rows of these patients, studies and enrollments, in one statement. */
    public Rows read(Collection<UUID> patientIds, Collection<UUID> studyIds, Collection<UUID> enrollmentIds) {
        if (em.isJoinedToTransaction()) {
            em.flush();
        }
        String sql = SHAPES[shape(patientIds) | shape(studyIds) << 1 | shape(enrollmentIds) << 2];
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                bind(st, 1, connection, patientIds);
                bind(st, 2, connection, studyIds);
                bind(st, 3, connection, enrollmentIds);
                bind(st, 4, connection, enrollmentIds);
                try (ResultSet rs = st.executeQuery()) {
                    return rows(rs);
                }
            }
        });
    }

    /** 0 for one id, 1 for several. */
    private static int shape(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no ids");
        }
        return ids.size() == 1 ? 0 : 1;
    }

    private static void bind(PreparedStatement st, int index, Connection connection, Collection<UUID> ids)
            throws SQLException {
        if (ids.size() == 1) {
            st.setObject(index, ids.iterator().next());
        } else {
            st.setArray(index, connection.createArrayOf("uuid", ids.toArray()));
        }
    }

    private static Rows rows(ResultSet rs) throws SQLException {
        Map<UUID, List<ZoneHistory.Entry>> zones = new HashMap<>();
        Map<UUID, Map<String, LocalDate>> events = new HashMap<>();
        List<VersionRow> versions = new ArrayList<>();
        List<TaskExcusal> excusals = new ArrayList<>();
        while (rs.next()) {
            UUID u1 = rs.getObject("u1", UUID.class);
            switch (rs.getString("kind")) {
                case "z" -> zones.computeIfAbsent(u1, k -> new ArrayList<>())
                        .add(new ZoneHistory.Entry(instant(rs), ZoneId.of(rs.getString("s1"))));
                case "v" -> versions.add(new VersionRow(u1, rs.getObject("u2", UUID.class), rs.getInt("n")));
                case "e" -> events.computeIfAbsent(u1, k -> new HashMap<>())
                        .put(rs.getString("s1"), rs.getObject("day", LocalDate.class));
                case "x" -> {
                    TaskExcusal x = new TaskExcusal();
                    x.id = u1;
                    x.enrollmentId = rs.getObject("u2", UUID.class);
                    x.patientId = rs.getObject("u3", UUID.class);
                    x.excusedAt = instant(rs);
                    x.timepointKey = rs.getString("s1");
                    x.instrumentId = rs.getString("s2");
                    x.reason = rs.getString("s3");
                    x.excusedBy = rs.getString("s4");
                    excusals.add(x);
                }
                default -> throw new IllegalStateException("unexpected row kind " + rs.getString("kind"));
            }
        }
        return new Rows(zones, events, versions, excusals);
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject("at", OffsetDateTime.class).toInstant();
    }

}
