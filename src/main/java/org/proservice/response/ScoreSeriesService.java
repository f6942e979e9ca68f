package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.ChangeView;
import org.proservice.response.ResponseDtos.ScorePoint;
import org.proservice.response.ResponseDtos.ScoreSeries;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.PatientEnrollments;
import org.proservice.scoring.ChangeAssessment;
import org.proservice.scoring.ChangeRules;
import org.proservice.scoring.ScorerRegistry;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;

/**
 * A patient's score series on one instrument within one study: every current response (scheduled and unscheduled),
 * oldest first, with change from baseline by the catalog's {@link ChangeRules} on each series measure of the instrument.
 *
 * <p>The baseline is the current response at the baseline timepoint of the enrollment's protocol version. When it
 * is missing (not yet submitted, or excused), was completed on or after the day treatment started
 * ({@link BaselineValidity}; series status {@code after_treatment_start}), or a measure is not computable on it or on
 * a point, no change is reported for that measure: points still show their scores.
 */
@ApplicationScoped
public class ScoreSeriesService {

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    ResponseRepository responses;
    @Inject
    TaskJudge judge;
    @Inject
    ScorerRegistry scorers;
    @Inject
    ChangeRules changeRules;
    @Inject
    BaselineValidity baselines;

    @Transactional
    public ScoreSeries series(UUID patientId, String instrumentId, UUID studyId) {
        Patient p = access.requirePatient(patientId, AuditAction.READ);
        requireInstrument(scorers, instrumentId);
        Enrollment e = patientEnrollments.resolve(patientEnrollments.ofStaff(p.id), studyId, ErrorCode.STUDY_AMBIGUOUS);
        ScoreSeries series = build(p, e, instrumentId);
        audit.event(AuditAction.READ, AuditResource.SCORE_SERIES).patient(p.id).study(e.studyId)
                .detail("instrumentId", instrumentId).detail("points", series.points().size()).allowed();
        return series;
    }

    /** The series of one enrollment on one instrument; the caller has checked access and audits. */
    ScoreSeries build(Patient p, Enrollment e, String instrumentId) {
        List<ResponseRecord> rows = responses.currentSeries(p.id, instrumentId, e.studyId);
        Optional<String> baselineKey = judge.baselineKey(e);
        ResponseRecord base = baselineKey.flatMap(k -> rows.stream().filter(r -> k.equals(r.timepointKey))
                .findFirst()).orElse(null);
        List<String> measures = scorers.find(instrumentId).orElseThrow().rules().seriesMeasureNames();
        String baseValidity = base == null ? null : baselines.statusOf(p.id, base.id);
        boolean usable = BaselineValidity.VALID.equals(baseValidity);
        List<ScorePoint> points = new ArrayList<>();
        ScorePoint basePoint = null;
        for (ResponseRecord r : rows) {
            boolean isBase = r == base;
            List<ChangeView> change = new ArrayList<>();
            if (usable && !isBase) {
                for (String m : measures) {
                    Number b = value(base, m);
                    Number f = value(r, m);
                    if (b != null && f != null) {
                        ChangeAssessment a = changeRules.assess(instrumentId, m, b, f);
                        change.add(new ChangeView(m, a.baseline(), a.followUp(), a.reduction(), a.percentReduction(),
                                a.thresholds()));
                    }
                }
            }
            ScorePoint point = new ScorePoint(r.id, r.timepointKey, r.completedAt, r.late(), r.supersedesId != null,
                    isBase, r.total, subscale(r, "worst"), subscale(r, "severityComposite"),
                    subscale(r, "interference"), r.band, List.of(r.flags), change, measureValues(r, measures),
                    isBase ? baseValidity : null);
            if (isBase) {
                basePoint = point;
            }
            points.add(point);
        }
        String status = baselineKey.isEmpty() ? "no_protocol" : base == null ? "missing"
                : usable ? "present" : BaselineValidity.AFTER_TREATMENT_START;
        return new ScoreSeries(p.id, e.studyId, instrumentId, measures, baselineKey.orElse(null), status, basePoint,
                points);
    }

    static void requireInstrument(ScorerRegistry scorers, String instrumentId) {
        if (instrumentId == null || scorers.find(instrumentId).isEmpty()) {
            throw ProblemException.invalid("Name a known instrument", List.of(new FieldError("instrument",
                    "unknown_instrument", "must be one of " + String.join(", ", scorers.ids()))));
        }
    }

    /** The series measures of the instrument, from its catalog definition. */
    static Map<String, Number> measureValues(ResponseRecord r, List<String> measures) {
        Map<String, Number> values = new LinkedHashMap<>();
        for (String m : measures) {
            values.put(m, value(r, m));
        }
        return values;
    }

    static Number value(ResponseRecord r, String measure) {
        return "total".equals(measure) ? r.total : subscale(r, measure);
    }

    static Number subscale(ResponseRecord r, String name) {
        Object v = r.subscales == null ? null : r.subscales.get(name);
        return v instanceof Number n ? n : null;
    }
}
