package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
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
import org.proservice.scoring.BpiSfScorer;
import org.proservice.scoring.ChangeAssessment;
import org.proservice.scoring.ChangeMeasure;
import org.proservice.scoring.ChangeRules;
import org.proservice.scoring.ScorerRegistry;
import org.proservice.security.AccessPolicy;
import org.proservice.security.Action;
import org.proservice.security.AuditLog;
import org.proservice.security.Outcome;

/**
 * A patient's score series on one instrument within one study: every current response (scheduled and unscheduled),
 * oldest first, with change from baseline by the scoring feature's {@link ChangeRules}.
 *
 * <p>The baseline is the current response at the baseline timepoint of the enrollment's protocol version. When it
 * is missing (not yet submitted, or excused), was completed on or after the day treatment started
 * ({@link BaselineValidity}; series status {@code after_treatment_start}), or a measure is not computable on it or on
 * a point, no change is reported for that measure: points still show their scores.
 */
@ApplicationScoped
public class ScoreSeriesService {

    static final List<String> BPI_MEASURES = List.of("worst", "severityComposite", "interference");
    static final List<String> TOTAL = List.of("total");

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
    BaselineValidity baselines;

    @Transactional
    public ScoreSeries series(UUID patientId, String instrumentId, UUID studyId) {
        Patient p = access.requirePatient(patientId, Action.READ);
        requireInstrument(scorers, instrumentId);
        Enrollment e = patientEnrollments.resolve(patientEnrollments.ofStaff(p.id), studyId, ErrorCode.STUDY_AMBIGUOUS);
        List<ResponseRecord> rows = responses.currentSeries(p.id, instrumentId, e.studyId);
        Optional<String> baselineKey = judge.baselineKey(e);
        ResponseRecord base = baselineKey.flatMap(k -> rows.stream().filter(r -> k.equals(r.timepointKey))
                .findFirst()).orElse(null);
        List<String> measures = measures(instrumentId);
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
                        ChangeAssessment a = ChangeRules.assess(instrumentId, ChangeMeasure.fromCode(m), b, f);
                        change.add(new ChangeView(m, a.baseline(), a.followUp(), a.reduction(), a.percentReduction(),
                                a.thresholds()));
                    }
                }
            }
            ScorePoint point = new ScorePoint(r.id, r.timepointKey, r.completedAt, r.late(), r.supersedesId != null,
                    isBase, r.total, subscale(r, "worst"), subscale(r, "severityComposite"),
                    subscale(r, "interference"), r.band, List.of(r.flags), change, isBase ? baseValidity : null);
            if (isBase) {
                basePoint = point;
            }
            points.add(point);
        }
        String status = baselineKey.isEmpty() ? "no_protocol" : base == null ? "missing"
                : usable ? "present" : BaselineValidity.AFTER_TREATMENT_START;
        audit.record(Action.READ, "score_series", null, p.id, e.studyId, Outcome.ALLOWED,
                Map.of("instrumentId", instrumentId, "points", points.size()));
        return new ScoreSeries(p.id, e.studyId, instrumentId, measures, baselineKey.orElse(null), status, basePoint,
                points);
    }

    static void requireInstrument(ScorerRegistry scorers, String instrumentId) {
        if (instrumentId == null || scorers.find(instrumentId).isEmpty()) {
            throw ProblemException.invalid("Name a known instrument", List.of(new FieldError("instrument",
                    "unknown_instrument", "must be one of phq9, gad7, pcl5, bpi-sf")));
        }
    }

    public static List<String> measures(String instrumentId) {
        return BpiSfScorer.INSTRUMENT_ID.equals(instrumentId) ? BPI_MEASURES : TOTAL;
    }

    static Number value(ResponseRecord r, String measure) {
        return "total".equals(measure) ? r.total : subscale(r, measure);
    }

    static Number subscale(ResponseRecord r, String name) {
        Object v = r.subscales == null ? null : r.subscales.get(name);
        return v instanceof Number n ? n : null;
    }
}
