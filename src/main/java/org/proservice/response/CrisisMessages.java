package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.proservice.alert.AlertRepository;
import org.proservice.response.SubmissionService.Result;
import org.proservice.study.StudyPatientSettingsRepository;

/**
 * Adds the study's crisis message to a patient's own submission when that response raised a safety alert (also on
 * a replay of it). The message is the study's configured text and contact, the same for every patient: the service
 * never words a clinical judgment of its own.
 */
@ApplicationScoped
public class CrisisMessages {

    @Inject
    AlertRepository alerts;
    @Inject
    StudyPatientSettingsRepository settings;

    Result attachTo(Result result) {
        var view = result.response();
        boolean alerted = result.alertRaised() != null ? result.alertRaised()
                : !alerts.listByResponse(view.id()).isEmpty();
        if (!alerted) {
            return result;
        }
        return settings.crisisMessage(view.studyId())
                .map(m -> new Result(view.withCrisisMessage(m), result.replayed(), result.alertRaised()))
                .orElse(result);
    }
}
