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
import org.proservice.scoring.ChangeRules;
import org.proservice.scoring.ScorerRegistry;
import org.proservice.scoring.ScoringRules;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;

/**
 * Per arm x timepoint statistics of one measure over the current (non-superseded) scheduled responses of a study,
 * computed by PostgreSQL in one query (avg, stddev_samp, percentile_cont) - no row is loaded into the service.
 *
 * <p>Change from baseline pairs each patient's value with the same patient's value at the baseline timepoint of
 * their protocol version; meanChangeFromBaseline = mean of (follow-up - baseline). A baseline completed on or after
 * the day treatment started ({@link BaselineValidity}) is not paired: it stays in its own cell's n, mean, sd and
 * median, and every cell counts the baselines it excluded in {@code baselinesExcluded}, by reason. Responders: the
 * measure's {@code responderRule} in the instrument's catalog definition (one of its change rules, the same codes as
 * {@link ChangeRules}). Threshold comparisons round both sides to 9 decimals, which is exact for means of up to
 * seven items (their differences are multiples of 1/420) and removes binary floating-point residue.
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
        Measure m = measure(scorers, instrumentId, measureName);
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
        audit.event(AuditAction.READ, AuditResource.STUDY_SUMMARY).study(studyId).detail("instrumentId", instrumentId)
                .detail("measure", m.name()).allowed();
        return new StudySummary(studyId, instrumentId, m.name(), m.responderRule(), result);
    }

    /**
     * The measure to summarise (the requested one or the definition's {@code summaryMeasure}) as SQL: its value
     * expression and its responder condition, both built from the catalog. Names and numbers come from checked
     * definitions only (measure names match {@code ^[A-Za-z][A-Za-z0-9_]*$}); nothing from the request enters the
     * SQL text.
     */
    static Measure measure(ScorerRegistry scorers, String instrumentId, String requested) {
        ScoringRules rules = scorers.find(instrumentId).orElseThrow().rules();
        List<ScoringRules.MeasureRule> offered = rules.seriesMeasures();
        String name = requested != null ? requested
                : rules.summaryMeasure() != null ? rules.summaryMeasure() : offered.get(0).name();
        ScoringRules.MeasureRule m = offered.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> unknownMeasure(String.join(", ",
                        offered.stream().map(ScoringRules.MeasureRule::name).toList())));
        String expr = ScoringRules.TotalRule.DEFAULT_NAME.equals(m.name()) ? "r.total::numeric"
                : "(r.subscales ->> '" + m.name() + "')::numeric";
        ScoringRules.ChangeRule rule = m.changeRule(m.responderRule()).orElseThrow();
        return new Measure(m.name(), expr, rule.code(), responderCondition(rule));
    }

    /** The change rule as SQL on b.b (baseline) and x.v (follow-up); means are compared at 9 decimals. */
    static String responderCondition(ScoringRules.ChangeRule rule) {
        String value = rule.value().toPlainString();
        String reduction = "(b.b - x.v)";
        return switch (rule.type()) {
            case ScoringRules.ChangeRule.REDUCTION_AT_LEAST -> "round(" + reduction + ", 9) >= " + value;
            case ScoringRules.ChangeRule.PERCENT_REDUCTION_AT_LEAST -> "b.b > 0 AND round(" + reduction
                    + " * 100, 9) >= round(" + value + " * b.b, 9)";
            case ScoringRules.ChangeRule.FOLLOW_UP_BELOW -> "x.v < " + value;
            default -> throw new IllegalStateException("unknown change rule type " + rule.type());
        };
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
