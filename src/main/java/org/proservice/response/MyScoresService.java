package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseDtos.ScoreSeries;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.PatientEnrollments;
import org.proservice.scoring.ScorerRegistry;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.study.StudyPatientSettingsRepository;

/**
 * The patient's own score series ({@code GET /me/scores}): per enrollment, only the instruments the study lets its
 * patients see (study patient settings; none by default).
 */
@ApplicationScoped
public class MyScoresService {

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    StudyPatientSettingsRepository settings;
    @Inject
    ScoreSeriesService series;
    @Inject
    ScorerRegistry scorers;

    @Schema(name = "MyScores", description = "The caller's own score series, for the instruments each study shows "
            + "its patients; empty when none")
    public record MyScores(List<ScoreSeries> series) {
    }

    @Transactional
    public MyScores mine(String instrumentId) {
        Patient p = access.requireSelf(AuditAction.READ);
        if (instrumentId != null) {
            ScoreSeriesService.requireInstrument(scorers, instrumentId);
        }
        List<ScoreSeries> out = new ArrayList<>();
        for (Enrollment e : patientEnrollments.own(p.id)) {
            for (String visible : settings.of(e.studyId).scoreInstruments()) {
                if (instrumentId == null || instrumentId.equals(visible)) {
                    out.add(series.build(p, e, visible));
                }
            }
            audit.event(AuditAction.READ, AuditResource.SCORE_SERIES).id("me").patient(p.id).study(e.studyId)
                    .detail("instruments", out.stream().filter(s -> s.studyId().equals(e.studyId))
                            .map(ScoreSeries::instrumentId).toList())
                    .allowed();
        }
        return new MyScores(out);
    }
}
