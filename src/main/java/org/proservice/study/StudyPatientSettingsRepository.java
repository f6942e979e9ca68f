package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.proservice.study.PatientSettingsDtos.CrisisMessage;
import org.proservice.study.PatientSettingsDtos.PatientSettings;

/** The patient-facing settings of studies; a study without a row has the defaults. No access checks here. */
@ApplicationScoped
public class StudyPatientSettingsRepository implements PanacheRepositoryBase<StudyPatientSettings, UUID> {

    public PatientSettings of(UUID studyId) {
        return findByIdOptional(studyId).map(StudyPatientSettingsRepository::view)
                .orElse(new PatientSettings(false, List.of(), null));
    }

    public Optional<CrisisMessage> crisisMessage(UUID studyId) {
        return Optional.ofNullable(of(studyId).crisisMessage());
    }

    static PatientSettings view(StudyPatientSettings s) {
        return new PatientSettings(s.armVisible, Arrays.asList(s.scoreInstruments),
                s.crisisText == null ? null : new CrisisMessage(s.crisisText, s.crisisContact));
    }
}
