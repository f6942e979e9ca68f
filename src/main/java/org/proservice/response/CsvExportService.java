package org.proservice.response;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.security.AccessPolicy;
import org.proservice.response.export.AnalysisExportService;
import org.proservice.response.export.ExportAudit;

/**
 * The study CSV export: one row per current (non-superseded) response, streamed from a server-side cursor (fetch
 * size {@value #FETCH_SIZE}) in constant memory. RFC 4180: comma separated, CRLF line ends, a field that holds a
 * comma, quote, CR or LF is quoted and its quotes doubled; UTF-8; a header row.
 *
 * <p>Columns ({@link #COLUMNS}): study_id, arm, subject_code, timepoint (empty = unscheduled), instrument_id,
 * instrument_version, scoring_version, mode, completed_at, received_at (ISO-8601 UTC), total (empty when not
 * scorable or BPI-SF), band, flags (codes joined by ';'), subscales (JSON object, e.g. BPI-SF worst/interference,
 * PCL-5 clusters), late (true/false), amended (true when the row corrects an earlier response), response_id,
 * supersedes_id. Answer values are not exported here (FHIR export carries them). An arm, subject or timepoint code
 * that a spreadsheet would take for a formula is written with a leading apostrophe ({@link #text}).
 */
@ApplicationScoped
public class CsvExportService {

    static final int FETCH_SIZE = 500;
    public static final List<String> COLUMNS = List.of("study_id", "arm", "subject_code", "timepoint",
            "instrument_id", "instrument_version", "scoring_version", "mode", "completed_at", "received_at", "total",
            "band", "flags", "subscales", "late", "amended", "response_id", "supersedes_id");

    static final String SQL = """
            SELECT r.study_id, e.arm_code, e.subject_code, r.timepoint_key, r.instrument_id, r.instrument_version,
                   r.scoring_version, r.mode, r.completed_at, r.received_at, r.total, r.band, r.flags,
                   r.subscales::text, r.timing = 'late', r.supersedes_id IS NOT NULL, r.id, r.supersedes_id
            FROM response r JOIN enrollment e ON e.id = r.enrollment_id
            WHERE r.study_id = ? AND (?::text IS NULL OR r.instrument_id = ?)
              AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id)
            ORDER BY e.subject_code, r.completed_at, r.id""";

    @Inject
    AccessPolicy access;
    @Inject
    ExportAudit exportAudit;
    @Inject
    AgroalDataSource dataSource;

    /** Checks access; returns who exports, for the audit written when the rows are streamed. */
    @Transactional
    public ExportAudit.Actor authorize(UUID studyId, String instrumentId) {
        access.requireStudyStaff(studyId);
        return exportAudit.actor();
    }

    /**
     * Streams the rows to {@code out}. Call after {@link #authorize}. One REPEATABLE READ transaction first audits
     * every patient of the export (one row each), then streams exactly their rows; the audit commits even when the
     * client stops reading.
     */
    public void write(UUID studyId, String instrumentId, ExportAudit.Actor actor, OutputStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        Map<String, Object> detail = new HashMap<>();
        detail.put("format", "csv");
        if (instrumentId != null) {
            detail.put("instrumentId", instrumentId);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            exportAudit.recordPatients(c, actor, studyId, detail, AnalysisExportService.PATIENTS, studyId,
                    instrumentId, instrumentId);
            try (PreparedStatement ps = c.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setObject(1, studyId);
                ps.setString(2, instrumentId);
                ps.setString(3, instrumentId);
                writeRow(w, COLUMNS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        writeRow(w, List.of(str(rs.getObject(1)), text(rs.getString(2)), text(rs.getString(3)),
                                text(nz(rs.getString(4))), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), time(rs, 9), time(rs, 10), nz(rs.getObject(11)), nz(rs.getString(12)),
                                flags(rs.getArray(13)), rs.getString(14), Boolean.toString(rs.getBoolean(15)),
                                Boolean.toString(rs.getBoolean(16)), str(rs.getObject(17)), nz(rs.getObject(18))));
                    }
                }
            } finally {
                c.commit();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(auto);
            }
            w.flush();
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeRow(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(fields.get(i)));
        }
        w.write("\r\n");
    }

    /**
     * A text column that people type (arm code, subject code, timepoint key): a value a spreadsheet would read as a
     * formula - starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR - gets a leading apostrophe, so
     * that opening the export cannot run a formula (CSV injection). Numbers, times and JSON columns are never touched.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula ? "'" + value : value;
    }

    /** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
    public static String quote(String field) {
        if (field == null) {
            return "";
        }
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
                || field.indexOf('\n') >= 0;
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? "" : t.toInstant().toString();
    }

    private static String flags(Array array) throws SQLException {
        if (array == null) {
            return "";
        }
        return String.join(";", (String[]) array.getArray());
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }
}
