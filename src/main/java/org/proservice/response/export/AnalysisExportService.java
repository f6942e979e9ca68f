package org.proservice.response.export;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.response.ResponseDtos.StudySummary;
import org.proservice.response.ResponseDtos.SummaryRow;
import org.proservice.response.StudySummaryService;
import org.proservice.security.AccessPolicy;

/**
 * The analysis exports of a study (wide per instrument, long for all instruments, codebook, summary). Rows are
 * streamed from a server-side cursor (fetch size {@value #FETCH_SIZE}) and written as they come, so memory does not
 * grow with the number of rows. Each data export runs in one REPEATABLE READ read of the database that first
 * audits every patient it contains ({@link ExportAudit}) and then streams exactly those rows; the audit is committed
 * even when the client stops reading.
 */
@ApplicationScoped
public class AnalysisExportService {

    static final int FETCH_SIZE = 500;
    /** Patients of a study export (optionally of one instrument): parameters study, instrument, instrument. */
    public static final String PATIENTS = """
            SELECT r.patient_id FROM response r
            WHERE r.study_id = ? AND (?::text IS NULL OR r.instrument_id = ?)
              AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id)""";

    @Inject
    AccessPolicy access;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ExportAudit audit;
    @Inject
    StudySummaryService summaries;

    /** A checked export request, ready to stream. */
    public record Job(UUID studyId, InstrumentDefinition instrument, ExportAudit.Actor actor) {
    }

    /** Access check (404 for a study the caller is not staff of) and, when named, the instrument. */
    @Transactional
    public Job prepare(UUID studyId, String instrumentId, boolean instrumentRequired) {
        access.requireStudyStaff(studyId);
        InstrumentDefinition d = null;
        if (instrumentId != null || instrumentRequired) {
            d = catalog.find(instrumentId).map(t -> t.body()).orElseThrow(() -> ProblemException.invalid(
                    "Name a known instrument", List.of(new FieldError("instrument", "unknown_instrument",
                            "must be one of " + String.join(", ", catalog.all().stream()
                                    .map(InstrumentDefinition::id).sorted().toList())))));
        }
        return new Job(studyId, d, audit.actor());
    }

    public void wide(Job job, OutputStream out) {
        WideExport wide = new WideExport(job.instrument());
        stream(job, "wide", wide.header(), wide.sql(), wide.params(job.studyId()), wide::row, out);
    }

    public void longFormat(Job job, OutputStream out) {
        stream(job, "long", LongExport.HEADER, LongExport.SQL, List.of(job.studyId()), LongExport::row, out);
    }

    public void codebook(Job job, OutputStream out) {
        List<InstrumentDefinition> defs = job.instrument() == null ? List.copyOf(catalog.all())
                : List.of(job.instrument());
        try (CsvOut csv = new CsvOut(out)) {
            csv.row(Codebook.HEADER);
            for (List<String> row : Codebook.rows(defs)) {
                List<String> guarded = new ArrayList<>(row);
                guarded.set(2, CsvOut.text(row.get(2)));
                csv.row(guarded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The per arm x timepoint summary (aggregates only; audited as a summary read). Call on the request thread. */
    public StudySummary summary(Job job, String measure) {
        return summaries.summary(job.studyId(), job.instrument().id(), measure);
    }

    public void writeSummary(StudySummary s, OutputStream out) {
        try (CsvOut csv = new CsvOut(out)) {
            csv.row(List.of("instrument_id", "measure", "responder_rule", "arm", "timepoint", "timepoint_label",
                    "is_baseline", "n", "mean", "sd", "median", "n_with_baseline", "mean_change_from_baseline",
                    "responders", "baselines_excluded_after_treatment_start"));
            for (SummaryRow r : s.rows()) {
                csv.row(List.of(s.instrumentId(), s.measure(), s.responderRule(), CsvOut.text(r.arm()),
                        CsvOut.text(r.timepointKey()), CsvOut.text(Cells.str(r.timepointLabel())),
                        Boolean.toString(r.baseline()), Long.toString(r.n()), Cells.str(r.mean()), Cells.str(r.sd()),
                        Cells.str(r.median()), Long.toString(r.nWithBaseline()),
                        Cells.str(r.meanChangeFromBaseline()), Cells.str(r.responders()),
                        Long.toString(r.baselinesExcluded().getOrDefault("after_treatment_start", 0L))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface RowMapper {
        List<String> row(ResultSet rs) throws SQLException;
    }

    private void stream(Job job, String format, List<String> header, String sql, List<Object> params, RowMapper rows,
            OutputStream out) {
        String instrumentId = job.instrument() == null ? null : job.instrument().id();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", format);
        if (instrumentId != null) {
            detail.put("instrumentId", instrumentId);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (CsvOut csv = new CsvOut(out)) {
                audit.recordPatients(c, job.actor(), job.studyId(), detail, PATIENTS, job.studyId(), instrumentId,
                        instrumentId);
                try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY)) {
                    ps.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    csv.row(header);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            csv.row(rows.row(rs));
                        }
                    }
                }
            } finally {
                c.commit(); // the audit stays even if the client stopped reading
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
