package org.proservice.response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

/** Parameterised queries over {@code response}. Callers pass only patient ids the access policy granted. */
@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<ResponseRecord, UUID> {

    static final String CURRENT = current("r");

    /** "Not superseded" for the response row aliased {@code alias}: no response names it in supersedes_id. */
    static String current(String alias) {
        return "NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = " + alias + ".id)";
    }

    public Optional<ResponseRecord> findOfPatient(UUID patientId, UUID responseId) {
        return find("patientId = ?1 and id = ?2", patientId, responseId).firstResultOptional();
    }

    /** The response that supersedes {@code responseId}, if any. */
    public Optional<ResponseRecord> findSuperseding(UUID responseId) {
        return find("supersedesId", responseId).firstResultOptional();
    }

    /** Supersession links touching {@code ids}: (superseded id, superseding id). */
    public List<UUID[]> supersessionLinks(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = getEntityManager().createQuery(
                "select r.supersedesId, r.id from ResponseRecord r where r.supersedesId in :ids", Object[].class)
                .setParameter("ids", ids).getResultList();
        List<UUID[]> links = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            links.add(new UUID[] { (UUID) row[0], (UUID) row[1] });
        }
        return links;
    }

    /**
     * One page of a patient's history, newest first by (completed_at, id), strictly after the cursor. The rows are
     * read with plain JDBC on the transaction's connection into unmanaged {@link ResponseRecord}s ({@link #row}):
     * a response is immutable, so the page needs neither Hibernate's entity hydration nor its persistence context,
     * which cost about a quarter of the service's CPU per page. The SQL is the same as before.
     */
    public List<ResponseRecord> history(UUID patientId, Collection<UUID> studyIds, String instrumentId, Instant from,
            Instant to, boolean includeSuperseded, ResponseCursor after, int limit, boolean withAnswers) {
        Map<String, Object> params = new HashMap<>();
        params.put("patient", patientId);
        params.put("limit", limit);
        if (studyIds != null) {
            params.put("studies", studyIds);
        }
        if (instrumentId != null) {
            params.put("instrument", instrumentId);
        }
        if (from != null) {
            params.put("from", from);
        }
        if (to != null) {
            params.put("to", to);
        }
        if (after != null) {
            params.put("afterTime", after.completedAt());
            params.put("afterId", after.id());
        }
        String sql = historySql(studyIds != null, instrumentId != null, from != null, to != null, after != null,
                includeSuperseded, withAnswers);
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            List<Object> values = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement(positional(sql, params, values))) {
                for (int i = 0; i < values.size(); i++) {
                    st.setObject(i + 1, values.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    List<ResponseRecord> rows = new ArrayList<>(limit);
                    while (rs.next()) {
                        rows.add(row(rs, withAnswers));
                    }
                    return rows;
                }
            }
        });
    }

    /**
     * {@code sql} with each {@code :name} replaced by a JDBC placeholder (a collection by one placeholder per
     * element), appending the values in order to {@code values}; instants are bound as UTC offset date-times.
     */
    static String positional(String sql, Map<String, Object> params, List<Object> values) {
        Matcher m = NAMED_PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length());
        while (m.find()) {
            String name = m.group(1);
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            Object value = params.get(name);
            String placeholders;
            if (value instanceof Collection<?> c) {
                if (c.isEmpty()) {
                    throw new IllegalArgumentException("empty collection for :" + name);
                }
                placeholders = String.join(", ", java.util.Collections.nCopies(c.size(), "?"));
                c.forEach(v -> values.add(jdbcValue(v)));
            } else {
                placeholders = "?";
                values.add(jdbcValue(value));
            }
            m.appendReplacement(out, placeholders);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z][A-Za-z0-9]*)");

    private static Object jdbcValue(Object v) {
        return v instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : v;
    }

    /**
     * One {@code response} row (its columns by name) as an unmanaged record; without answers the result set need not
     * have that column.
     */
    static ResponseRecord row(ResultSet rs, boolean withAnswers) throws SQLException {
        ResponseRecord r = new ResponseRecord();
        r.id = rs.getObject("id", UUID.class);
        r.patientId = rs.getObject("patient_id", UUID.class);
        r.studyId = rs.getObject("study_id", UUID.class);
        r.enrollmentId = rs.getObject("enrollment_id", UUID.class);
        r.timepointKey = rs.getString("timepoint_key");
        r.instrumentId = rs.getString("instrument_id");
        r.instrumentVersion = rs.getString("instrument_version");
        r.mode = rs.getString("mode");
        r.answers = withAnswers ? jsonObject(rs.getString("answers")) : null;
        r.completedAt = rs.getObject("completed_at", OffsetDateTime.class).toInstant();
        r.receivedAt = rs.getObject("received_at", OffsetDateTime.class).toInstant();
        r.timing = rs.getString("timing");
        r.submittedBy = rs.getString("submitted_by");
        r.submittedRole = rs.getString("submitted_role");
        r.scoringVersion = rs.getString("scoring_version");
        r.scorable = rs.getBoolean("scorable");
        int total = rs.getInt("total");
        r.total = rs.wasNull() ? null : total;
        r.band = rs.getString("band");
        Array flags = rs.getArray("flags");
        r.flags = flags == null ? null : (String[]) flags.getArray();
        r.subscales = jsonObject(rs.getString("subscales"));
        r.scoreDetail = jsonObject(rs.getString("score_detail"));
        r.supersedesId = rs.getObject("supersedes_id", UUID.class);
        r.amendmentReason = rs.getString("amendment_reason");
        return r;
    }

    private static final ObjectMapper ROW_JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private static Map<String, Object> jsonObject(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return ROW_JSON.readValue(json, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored JSON column is not a JSON object", e);
        }
    }

    /**
     * The history query with the filters in use. A deferred join: the page's keys come from an index-only range scan
     * of {@code response_patient_history_idx} (or {@code response_patient_instrument_history_idx} with an instrument
     * filter), which already yields them in page order - the study filter is checked on the index's INCLUDE columns
     * and the superseded check on {@code response_supersedes_once}; then only the page's rows are fetched by primary
     * key, in that order. So the plan has no Sort at any table size, and the cost does not grow with the patient's
     * history beyond the page (or with the table). Without answers it selects every column but {@code answers}.
     */
    static String historySql(boolean studies, boolean instrument, boolean from, boolean to, boolean after,
            boolean includeSuperseded, boolean withAnswers) {
        StringBuilder sql = new StringBuilder("SELECT ").append(withAnswers ? "r.*" : COLUMNS_BUT_ANSWERS)
                .append(" FROM (SELECT k.id, k.completed_at FROM response k WHERE k.patient_id = :patient");
        if (studies) {
            sql.append(" AND k.study_id IN (:studies)");
        }
        if (instrument) {
            sql.append(" AND k.instrument_id = :instrument");
        }
        if (from) {
            sql.append(" AND k.completed_at >= :from");
        }
        if (to) {
            sql.append(" AND k.completed_at < :to");
        }
        if (after) {
            sql.append(" AND (k.completed_at, k.id) < (:afterTime, :afterId)");
        }
        if (!includeSuperseded) {
            sql.append(" AND ").append(current("k"));
        }
        sql.append(" ORDER BY k.completed_at DESC, k.id DESC LIMIT :limit) page")
                .append(" JOIN response r ON r.id = page.id ORDER BY page.completed_at DESC, page.id DESC");
        return sql.toString();
    }

    /** Every column {@link #row} reads except {@code answers}. */
    static final String COLUMNS_BUT_ANSWERS = "r.id, r.patient_id, r.study_id, r.enrollment_id, r.timepoint_key,"
            + " r.instrument_id, r.instrument_version, r.mode, r.completed_at, r.received_at, r.timing,"
            + " r.submitted_by, r.submitted_role, r.scoring_version, r.scorable, r.total, r.band, r.flags,"
            + " r.subscales, r.score_detail, r.supersedes_id, r.amendment_reason";

    /** The current responses of one patient and instrument, oldest first. */
    @SuppressWarnings("unchecked")
    public List<ResponseRecord> currentSeries(UUID patientId, String instrumentId, UUID studyId) {
        return getEntityManager().createNativeQuery("""
                SELECT r.* FROM response r
                WHERE r.patient_id = :patient AND r.instrument_id = :instrument AND r.study_id = :study""" + " AND "
                + CURRENT + " ORDER BY r.completed_at, r.id", ResponseRecord.class)
                .setParameter("patient", patientId)
                .setParameter("instrument", instrumentId)
                .setParameter("study", studyId)
                .getResultList();
    }

    /** Every current response of a patient in {@code studyIds}, oldest first, read-only (the FHIR views). */
    @SuppressWarnings("unchecked")
    public List<ResponseRecord> currentOfPatient(UUID patientId, Collection<UUID> studyIds) {
        if (studyIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("SELECT r.* FROM response r WHERE r.patient_id = :patient"
                + " AND r.study_id IN (:studies) AND " + CURRENT + " ORDER BY r.completed_at, r.id",
                ResponseRecord.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setParameter("patient", patientId)
                .setParameter("studies", studyIds)
                .getResultList();
    }

    /**
     * (enrollment id, timepoint key, instrument id, completed at) of every current scheduled response of the given
     * enrollments, or of one study when {@code enrollmentIds} is null.
     */
    @SuppressWarnings("unchecked")
    List<Object[]> currentTaskCompletions(Collection<UUID> enrollmentIds, UUID studyId) {
        String where = enrollmentIds != null ? "r.enrollment_id IN (:ids)" : "r.study_id = :study";
        var query = getEntityManager().createNativeQuery("SELECT r.enrollment_id, r.timepoint_key, r.instrument_id, "
                + "r.completed_at FROM response r WHERE " + where + " AND r.timepoint_key IS NOT NULL AND " + CURRENT);
        return (enrollmentIds != null ? query.setParameter("ids", enrollmentIds) : query.setParameter("study", studyId))
                .getResultList();
    }

    /**
     * The ids of the patient's baseline responses (at the baseline timepoint of their enrollment's protocol version,
     * current or superseded) completed on or after the day treatment started: SQL function
     * {@code baseline_after_treatment_start} (V80).
     */
    @SuppressWarnings("unchecked")
    List<Object> baselinesAfterTreatmentStart(UUID patientId) {
        return getEntityManager().createNativeQuery("""
                SELECT r.id FROM response r
                JOIN enrollment e ON e.id = r.enrollment_id
                JOIN protocol_version pv ON pv.study_id = e.study_id AND pv.version = e.protocol_version
                WHERE r.patient_id = :patient AND r.timepoint_key = pv.baseline_key
                  AND baseline_after_treatment_start(r.patient_id, r.enrollment_id, r.completed_at, pv.definition)
                """).setParameter("patient", patientId).getResultList();
    }
}
