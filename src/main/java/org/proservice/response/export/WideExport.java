package org.proservice.response.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.proservice.instrument.InstrumentDefinition;

/**
 * The wide analysis export of one instrument: one row per current response, one column per item of the instrument
 * (in form order, codes as stored, unanswered empty), then the score, baseline status and change from baseline.
 * Item columns come from the instrument's catalog definition; measures from the scoring module.
 */
final class WideExport {

    static final List<String> LEADING = List.of("study_id", "arm", "subject_code", "timepoint", "instrument_id",
            "instrument_version", "scoring_version", "mode", "completed_at", "received_at", "timing", "late",
            "amended", "response_id", "supersedes_id", "is_baseline", "baseline_status");

    private final InstrumentDefinition instrument;
    private final List<String> items;
    private final List<String> measures;

    WideExport(InstrumentDefinition instrument) {
        this.instrument = instrument;
        this.items = instrument.items().stream().map(InstrumentDefinition.Item::id).toList();
        this.measures = instrument.scoring().rules().seriesMeasureNames();
    }

    List<String> measures() {
        return measures;
    }

    List<String> header() {
        List<String> h = new ArrayList<>(LEADING);
        h.addAll(items);
        h.add("scorable");
        h.addAll(measures);
        h.addAll(List.of("band", "flags", "subscales"));
        measures.forEach(m -> h.add("change_" + m));
        return h;
    }

    /** The statement; parameters in {@link #params}. */
    String sql() {
        StringBuilder select = new StringBuilder();
        items.forEach(i -> select.append(", c.answers ->> ?"));
        select.append(", c.scorable");
        measures.forEach(m -> select.append(", ").append(value("c", m)));
        select.append(", c.band, c.flags, c.subscales::text");
        measures.forEach(m -> select.append(", CASE WHEN b.late = false AND c.id <> b.id THEN ")
                .append(value("c", m)).append(" - ").append(value("b", m)).append(" END"));
        // The baseline is looked up per row through response_enrollment_task_idx (a bounded index probe), never by
        // joining two scans of the export: the plan stays linear whatever the table statistics say.
        return """
                SELECT c.study_id, e.arm_code, e.subject_code, c.timepoint_key, c.instrument_id, c.instrument_version,
                       c.scoring_version, c.mode, c.completed_at, c.received_at, c.timing, c.timing = 'late',
                       c.supersedes_id IS NOT NULL, c.id, c.supersedes_id, c.id = b.id,
                       CASE WHEN b.id IS NULL THEN 'missing' WHEN b.late THEN 'after_treatment_start'
                            ELSE 'valid' END
                       %s
                FROM response c
                JOIN enrollment e ON e.id = c.enrollment_id
                LEFT JOIN protocol_version pv ON pv.study_id = e.study_id AND pv.version = e.protocol_version
                LEFT JOIN LATERAL (
                    SELECT x.id, x.total, x.subscales,
                           coalesce(baseline_after_treatment_start(x.patient_id, x.enrollment_id, x.completed_at,
                                    pv.definition), false) AS late
                    FROM response x
                    WHERE x.enrollment_id = c.enrollment_id AND x.timepoint_key = pv.baseline_key
                      AND x.instrument_id = c.instrument_id
                      AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = x.id)
                    LIMIT 1
                ) b ON true
                WHERE c.study_id = ? AND c.instrument_id = ?
                  AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = c.id)
                ORDER BY e.subject_code, c.completed_at, c.id
                """.formatted(select);
    }

    List<Object> params(UUID studyId) {
        List<Object> p = new ArrayList<>(items); // the item columns come first in the statement
        p.add(studyId);
        p.add(instrument.id());
        return p;
    }

    List<String> row(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>(LEADING.size() + items.size() + 2 * measures.size() + 4);
        out.add(Cells.str(rs.getObject(1)));
        out.add(CsvOut.text(rs.getString(2)));
        out.add(CsvOut.text(rs.getString(3)));
        out.add(CsvOut.text(Cells.str(rs.getString(4))));
        for (int i = 5; i <= 8; i++) {
            out.add(Cells.str(rs.getString(i)));
        }
        out.add(Cells.time(rs, 9));
        out.add(Cells.time(rs, 10));
        out.add(Cells.str(rs.getString(11)));
        out.add(Boolean.toString(rs.getBoolean(12)));
        out.add(Boolean.toString(rs.getBoolean(13)));
        out.add(Cells.str(rs.getObject(14)));
        out.add(Cells.str(rs.getObject(15)));
        out.add(Boolean.toString(rs.getBoolean(16)));
        out.add(rs.getString(17));
        int col = 18;
        for (int i = 0; i < items.size(); i++) {
            out.add(Cells.str(rs.getString(col++)));
        }
        out.add(Boolean.toString(rs.getBoolean(col++)));
        for (int i = 0; i < measures.size(); i++) {
            out.add(Cells.number(rs.getBigDecimal(col++)));
        }
        out.add(Cells.str(rs.getString(col++)));
        out.add(Cells.flags(rs.getArray(col++)));
        out.add(Cells.str(rs.getString(col++)));
        for (int i = 0; i < measures.size(); i++) {
            out.add(Cells.number(rs.getBigDecimal(col++)));
        }
        return out;
    }

    /** SQL value of a measure; names come from the scoring module (letters only), never from the request. */
    private static String value(String alias, String measure) {
        if (!measure.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException("measure name " + measure);
        }
        return "total".equals(measure) ? alias + ".total::numeric"
                : "(" + alias + ".subscales ->> '" + measure + "')::numeric";
    }
}
