package org.proservice.response.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The long analysis export: one row per stored item answer of every current response of the study, all instruments
 * at once (item ids are unique across instruments). A stored null (explicitly unanswered) has an empty value.
 */
final class LongExport {

    static final List<String> HEADER = List.of("study_id", "arm", "subject_code", "timepoint", "instrument_id",
            "instrument_version", "response_id", "completed_at", "item_id", "value");

    static final String SQL = """
            SELECT r.study_id, e.arm_code, e.subject_code, r.timepoint_key, r.instrument_id, r.instrument_version,
                   r.id, r.completed_at, a.key, a.value
            FROM response r
            JOIN enrollment e ON e.id = r.enrollment_id
            CROSS JOIN LATERAL jsonb_each_text(r.answers) a(key, value)
            WHERE r.study_id = ? AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id)
            ORDER BY e.subject_code, r.completed_at, r.id, a.key""";

    private LongExport() {
    }

    static List<String> row(ResultSet rs) throws SQLException {
        return List.of(Cells.str(rs.getObject(1)), CsvOut.text(rs.getString(2)), CsvOut.text(rs.getString(3)),
                CsvOut.text(Cells.str(rs.getString(4))), rs.getString(5), rs.getString(6), Cells.str(rs.getObject(7)),
                Cells.time(rs, 8), rs.getString(9), Cells.str(rs.getString(10)));
    }
}
