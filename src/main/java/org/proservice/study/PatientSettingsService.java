package org.proservice.study;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.PatientSettingsDtos.CrisisMessage;
import org.proservice.study.PatientSettingsDtos.PatientSettings;
import org.proservice.instrument.InstrumentCatalog;

/** Reads and replaces a study's patient-facing settings. Staff of the study only. */
@ApplicationScoped
public class PatientSettingsService {

    static final int MAX_TEXT = 2000;
    static final int MAX_CONTACT = 500;

    @Inject
    AccessPolicy policy;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    StudyPatientSettingsRepository settings;

    @Transactional(Transactional.TxType.SUPPORTS)
    public PatientSettings get(UUID studyId) {
        policy.requireStudyStaff(studyId, AuditAction.READ);
        return settings.of(studyId);
    }

    @Transactional
    public PatientSettings replace(UUID studyId, PatientSettings body) {
        policy.requireStudyStaff(studyId, AuditAction.UPDATE);
        validate(body);
        StudyPatientSettings s = settings.findByIdOptional(studyId).orElseGet(() -> {
            StudyPatientSettings fresh = new StudyPatientSettings();
            fresh.studyId = studyId;
            return fresh;
        });
        s.armVisible = body.armVisible();
        s.scoreInstruments = body.scoreInstruments().toArray(String[]::new);
        s.crisisText = body.crisisMessage() == null ? null : body.crisisMessage().text().strip();
        s.crisisContact = body.crisisMessage() == null ? null : body.crisisMessage().contact().strip();
        s.updatedAt = Instant.now();
        s.updatedBy = caller.subject();
        settings.persist(s);
        audit.event(AuditAction.UPDATE, AuditResource.PATIENT_SETTINGS).id(studyId).study(studyId)
                .detail("armVisible", s.armVisible).detail("scoreInstruments", List.of(s.scoreInstruments))
                .detail("crisisMessage", s.crisisText != null).allowed();
        return StudyPatientSettingsRepository.view(s);
    }

    private void validate(PatientSettings body) {
        List<FieldError> errors = new ArrayList<>();
        if (body.armVisible() == null) {
            errors.add(new FieldError("armVisible", "required", "true or false"));
        }
        if (body.scoreInstruments() == null) {
            errors.add(new FieldError("scoreInstruments", "required", "a list of instrument ids; [] for none"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < body.scoreInstruments().size(); i++) {
                String id = body.scoreInstruments().get(i);
                if (id == null || !catalog.ids().contains(id)) {
                    errors.add(new FieldError("scoreInstruments[" + i + "]", "unknown_instrument",
                            "must be one of " + String.join(", ", catalog.ids())));
                } else if (!seen.add(id)) {
                    errors.add(new FieldError("scoreInstruments[" + i + "]", "duplicate", "listed twice"));
                }
            }
        }
        CrisisMessage m = body.crisisMessage();
        if (m != null) {
            text(m.text(), "crisisMessage.text", MAX_TEXT, errors);
            text(m.contact(), "crisisMessage.contact", MAX_CONTACT, errors);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_PATIENT_SETTINGS, errors.size() + " field(s) are invalid",
                    errors);
        }
    }

    private static void text(String value, String field, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required", "must not be blank"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "too_long", "at most " + max + " characters"));
        }
    }
}
