package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.response.ResponseDtos.StudySummary;
import org.proservice.response.ResponseDtos.SummaryRow;
import org.proservice.scoring.BpiSfScorer;
import org.proservice.scoring.ChangeRules;
import org.proservice.scoring.Gad7Scorer;
import org.proservice.scoring.Pcl5Scorer;
import org.proservice.scoring.Phq9Scorer;
import org.proservice.scoring.ScorerRegistry;
import org.proservice.security.AccessPolicy;
import org.proservice.security.Action;
import org.proservice.security.AuditLog;
import org.proservice.security.Outcome;

/**
 * Per arm x timepoint statistics of one measure over the current (non-superseded) scheduled responses of a study,
 * computed by PostgreSQL in one query (avg, stddev_samp, percentile_cont) - no row is loaded into the service.
 *
 * <p>Change from baseline pairs each patient's value with the same patient's value at the baseline timepoint of
 * their protocol version; meanChangeFromBaseline = mean of (follow-up - baseline). A baseline completed on or after
 * the day treatment started ({@link BaselineValidity}) is not paired: it stays in its own cell's n, mean, sd and
 * median, and every cell counts the baselines it excluded in {@code baselinesExcluded}, by reason. Responders (SPEC change rules,
 * the same names as {@link ChangeRules}):
 * <ul>
 * <li>PHQ-9 total: {@code response_ge_50pct_reduction} (SPEC 1.6);</li>
 * <li>GAD-7 total: no published response rule (SPEC 2.6), so {@code mcid_ge_4_point_reduction};</li>
 * <li>PCL-5 total: {@code ncptsd_response_ge_5} (SPEC 3.6);</li>
 * <li>BPI-SF (measure {@code interference}, the default, LOINC 77565-0): {@code immpact_bpi_interference_ge_1_point};
 * measures {@code worst} and {@code severityComposite}: {@code immpact_moderate_ge_30pct} (SPEC 4.6).</li>
 * </ul>
 * Threshold comparisons on BPI-SF means round both sides to 9 decimals, which is exact for means of up to seven
 * 0-10 items (their differences are multiples of 1/420) and removes binary floating-point residue.
 */
@ApplicationScoped
public class StudySummaryService {

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    EntityManager em;
    @Inject
    ScorerRegistry scorers;

    record Measure(String name, String expression, String responderRule, String responderCondition) {
    }

    @Transactional
    public StudySummary summary(UUID studyId, String instrumentId, String measureName) {
        access.requireStudyStaff(studyId);
        ScoreSeriesService.requireInstrument(scorers, instrumentId);
        Measure m = measure(instrumentId, measureName);
        String sql = """
                WITH cur AS (
                    SELECT e.id AS enrollment_id, e.arm_code, r.timepoint_key, pv.baseline_key, %s AS v,
                           r.timepoint_key = pv.baseline_key AND coalesce(baseline_after_treatment_start(
                               r.patient_id, r.enrollment_id, r.completed_at, pv.definition), false) AS late_base
                    FROM response r
                    JOIN enrollment e ON e.id = r.enrollment_id
                    LEFT JOIN protocol_version pv ON pv.study_id = e.study_id AND pv.version = e.protocol_version
                    WHERE r.study_id = :study AND r.instrument_id = :instrument AND r.timepoint_key IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id)
                ), vals AS (
                    SELECT * FROM cur WHERE v IS NOT NULL
                ), base AS (
                    SELECT enrollment_id, v AS b FROM vals WHERE timepoint_key = baseline_key AND NOT late_base
                ), excluded AS (
                    SELECT enrollment_id FROM vals WHERE timepoint_key = baseline_key AND late_base
                ), labels AS (
                    SELECT DISTINCT ON (timepoint_key) timepoint_key, label, position
                    FROM protocol_timepoint WHERE study_id = :study ORDER BY timepoint_key, version DESC
                )
                SELECT x.arm_code, x.timepoint_key, max(l.label) AS label,
                       bool_or(x.timepoint_key = x.baseline_key) AS is_base,
                       count(*) AS n, avg(x.v) AS mean, stddev_samp(x.v) AS sd,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.v) AS median,
                       count(b.b) FILTER (WHERE x.timepoint_key <> x.baseline_key) AS n_base,
                       avg(x.v - b.b) FILTER (WHERE x.timepoint_key <> x.baseline_key) AS mean_change,
                       count(*) FILTER (WHERE x.timepoint_key <> x.baseline_key AND b.b IS NOT NULL AND (%s))
                           AS responders,
                       min(l.position) AS position,
                       count(*) FILTER (WHERE x.late_base OR ex.enrollment_id IS NOT NULL) AS n_excluded
                FROM vals x
                LEFT JOIN base b ON b.enrollment_id = x.enrollment_id
                LEFT JOIN excluded ex ON ex.enrollment_id = x.enrollment_id
                LEFT JOIN labels l ON l.timepoint_key = x.timepoint_key
                GROUP BY x.arm_code, x.timepoint_key
                ORDER BY x.arm_code, position NULLS LAST, x.timepoint_key
                """.formatted(m.expression(), m.responderCondition());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql)
                .setParameter("study", studyId)
                .setParameter("instrument", instrumentId)
                .getResultList();
        List<SummaryRow> result = rows.stream().map(r -> {
            boolean base = Boolean.TRUE.equals(r[3]);
            long excluded = ((Number) r[12]).longValue();
            return new SummaryRow((String) r[0], (String) r[1], (String) r[2], base, ((Number) r[4]).longValue(),
                    dbl(r[5]), dbl(r[6]), dbl(r[7]), base ? 0 : ((Number) r[8]).longValue(),
                    base ? null : dbl(r[9]), base ? null : ((Number) r[10]).longValue(),
                    excluded == 0 ? Map.of() : Map.of(BaselineValidity.AFTER_TREATMENT_START, excluded));
        }).toList();
        audit.record(Action.READ, "study_summary", null, null, studyId, Outcome.ALLOWED,
                Map.of("instrumentId", instrumentId, "measure", m.name()));
        return new StudySummary(studyId, instrumentId, m.name(), m.responderRule(), result);
    }

    static Measure measure(String instrumentId, String requested) {
        String reduction = "(b.b - x.v)";
        switch (instrumentId) {
            case Phq9Scorer.INSTRUMENT_ID, Gad7Scorer.INSTRUMENT_ID, Pcl5Scorer.INSTRUMENT_ID -> {
                if (requested != null && !"total".equals(requested)) {
                    throw unknownMeasure("total");
                }
                String expr = "r.total::numeric";
                return switch (instrumentId) {
                    case Phq9Scorer.INSTRUMENT_ID -> new Measure("total", expr, ChangeRules.RESPONSE_GE_50PCT_REDUCTION,
                            "b.b > 0 AND " + reduction + " * 100 >= 50 * b.b");
                    case Gad7Scorer.INSTRUMENT_ID -> new Measure("total", expr, ChangeRules.MCID_GE_4_POINT_REDUCTION,
                            reduction + " >= 4");
                    default -> new Measure("total", expr, ChangeRules.NCPTSD_RESPONSE_GE_5, reduction + " >= 5");
                };
            }
            case BpiSfScorer.INSTRUMENT_ID -> {
                String name = requested == null ? "interference" : requested;
                if (!ScoreSeriesService.BPI_MEASURES.contains(name)) {
                    throw unknownMeasure(String.join(", ", ScoreSeriesService.BPI_MEASURES));
                }
                String expr = "(r.subscales ->> '" + name + "')::numeric";
                if ("interference".equals(name)) {
                    return new Measure(name, expr, ChangeRules.IMMPACT_BPI_INTERFERENCE_GE_1_POINT,
                            "round(" + reduction + ", 9) >= 1");
                }
                return new Measure(name, expr, ChangeRules.IMMPACT_MODERATE_GE_30PCT,
                        "b.b > 0 AND round(" + reduction + " * 100, 9) >= round(30 * b.b, 9)");
            }
            default -> throw unknownMeasure("total");
        }
    }

    private static ProblemException unknownMeasure(String allowed) {
        return ProblemException.invalid("Unknown measure for this instrument", List.of(
                new FieldError("measure", "unknown_measure", "must be one of " + allowed)));
    }

    private static Double dbl(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
    }
}
