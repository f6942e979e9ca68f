package org.proservice.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.proservice.alert.Alert;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.patient.Patient;
import org.proservice.response.ResponseRecord;
import org.proservice.schedule.Enrollment;

/**
 * The one mapping from the service's records to FHIR R4 resources. The patient bundle and the {@code /fhir/r4}
 * endpoint both build their resources here, so a resource read one way is the resource found the other way.
 * <ul>
 * <li>{@code Patient/<patient id>}: one identifier per enrollment the caller may see (system
 * {@code <base>/studies/<study id>/subject-codes}, value = the study subject code); no names, no contact data;</li>
 * <li>{@code QuestionnaireResponse/<response id>}: questionnaire = the served Questionnaire's canonical with version,
 * items by linkId, LOINC {@code valueCoding} where the instrument has LOINC answers, else {@code valueInteger};
 * an extension lists its score Observations;</li>
 * <li>{@code Observation/<response id>-<LOINC code>}: one per score with a LOINC code, band as a coded
 * interpretation, {@code derivedFrom} the QuestionnaireResponse;</li>
 * <li>{@code Flag/<alert id>}: a safety alert, {@code active} while open or acknowledged, {@code inactive} once
 * resolved (period end = resolution time).</li>
 * </ul>
 * References are relative ({@code Patient/<id>}), resolvable against the {@code /fhir/r4} base.
 */
@ApplicationScoped
public class FhirMapping {

    public static final String LOINC = "http://loinc.org";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";
    static final String UCUM = "http://unitsofmeasure.org";

    private final String base;

    FhirMapping(@ConfigProperty(name = "pro.fhir.canonical-base") String canonicalBase) {
        this.base = canonicalBase.endsWith("/") ? canonicalBase.substring(0, canonicalBase.length() - 1)
                : canonicalBase;
    }

    /** The canonical base without a trailing slash, e.g. {@code https://pro-service.invalid/fhir}. */
    public String base() {
        return base;
    }

    /** {@code <base>/Questionnaire/<id>}, the {@code url} of the served Questionnaire. */
    public String questionnaireUrl(String instrumentId) {
        return base + "/Questionnaire/" + instrumentId;
    }

    public String subjectCodeSystem(UUID studyId) {
        return base + "/studies/" + studyId + "/subject-codes";
    }

    public String bandSystem(String instrumentId) {
        return base + "/CodeSystem/" + instrumentId + "-bands";
    }

    public String alertRuleSystem() {
        return base + "/CodeSystem/alert-rules";
    }

    public String scoreObservationExtension() {
        return base + "/StructureDefinition/score-observation";
    }

    public String timepointExtension() {
        return base + "/StructureDefinition/timepoint-key";
    }

    /** The id of the score Observation of {@code responseId} coded {@code loincCode}. */
    public static String observationId(UUID responseId, String loincCode) {
        return responseId + "-" + loincCode;
    }

    /** The response id of an Observation id made by {@link #observationId}, if it is one. */
    public static Optional<UUID> responseIdOfObservation(String observationId) {
        if (observationId == null || observationId.length() < 38 || observationId.charAt(36) != '-') {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(observationId.substring(0, 36)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public org.hl7.fhir.r4.model.Patient patient(Patient p, List<Enrollment> visibleEnrollments) {
        org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
        patient.setId(p.id.toString());
        patient.setActive(true);
        for (Enrollment e : visibleEnrollments) {
            patient.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.SECONDARY)
                    .setSystem(subjectCodeSystem(e.studyId)).setValue(e.subjectCode));
        }
        return patient;
    }

    public QuestionnaireResponse questionnaireResponse(ResponseRecord r, InstrumentDefinition def) {
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setId(r.id.toString());
        qr.setQuestionnaire(questionnaireUrl(def.id()) + "|" + r.instrumentVersion);
        qr.setStatus(r.supersedesId == null ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                : QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        qr.setAuthoredElement(new DateTimeType(Date.from(r.completedAt)));
        qr.setSubject(patientReference(r.patientId));
        if (r.timepointKey != null) {
            qr.addExtension(timepointExtension(), new org.hl7.fhir.r4.model.StringType(r.timepointKey));
        }
        for (Observation o : observations(r, def)) {
            qr.addExtension(scoreObservationExtension(), new Reference("Observation/" + o.getIdPart()));
        }
        for (InstrumentDefinition.Item item : def.items()) {
            Object value = r.answers.get(item.id());
            if (value == null) {
                continue;
            }
            int code = ((Number) value).intValue();
            QuestionnaireResponseItemComponent answerItem = qr.addItem().setLinkId(item.id()).setText(item.text());
            InstrumentDefinition.Option option = item.options().stream().filter(o -> o.value() == code)
                    .findFirst().orElse(null);
            if (option != null && codedAnswers(item)) {
                answerItem.addAnswer().setValue(new Coding(LOINC, option.loinc(), option.label()));
            } else {
                answerItem.addAnswer().setValue(new IntegerType(code));
            }
        }
        return qr;
    }

    /** Whether the item's answers are served as LOINC codings (every option has a LOINC answer code). */
    public static boolean codedAnswers(InstrumentDefinition.Item item) {
        return !item.options().isEmpty() && item.options().stream().allMatch(o -> o.loinc() != null);
    }

    /** The score Observations of a response: one per computed score that has a LOINC code. */
    public List<Observation> observations(ResponseRecord r, InstrumentDefinition def) {
        InstrumentDefinition.LoincCodes loinc = def.loinc();
        List<Observation> result = new ArrayList<>();
        if (loinc == null) {
            return result;
        }
        if (r.total != null && loinc.total() != null) {
            Observation o = observation(r, def, loinc.total().code(), loinc.total().display());
            o.setValue(new IntegerType(r.total));
            interpretation(o, r, def);
            result.add(o);
        }
        for (InstrumentDefinition.LoincScoreCode score : loinc.scores()) {
            Object v = r.subscales == null ? null : r.subscales.get(score.score());
            if (v instanceof Number n) {
                Observation o = observation(r, def, score.code(), score.display());
                o.setValue(new Quantity().setValue(n.doubleValue()).setUnit("{score}").setSystem(UCUM)
                        .setCode("{score}"));
                result.add(o);
            }
        }
        return result;
    }

    private Observation observation(ResponseRecord r, InstrumentDefinition def, String code, String display) {
        Observation o = new Observation();
        o.setId(observationId(r.id, code));
        o.setStatus(r.supersedesId == null ? Observation.ObservationStatus.FINAL
                : Observation.ObservationStatus.AMENDED);
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(new CodeableConcept(new Coding(LOINC, code, display)));
        o.setSubject(patientReference(r.patientId));
        o.setEffective(new DateTimeType(Date.from(r.completedAt)));
        o.setIssued(Date.from(r.receivedAt));
        o.addDerivedFrom(new Reference("QuestionnaireResponse/" + r.id));
        return o;
    }

    /** The band of the reported score, coded in the instrument's band system with the catalog's label. */
    private void interpretation(Observation o, ResponseRecord r, InstrumentDefinition def) {
        if (r.band == null) {
            return;
        }
        String label = def.scoring() == null ? r.band : def.scoring().bands().stream()
                .filter(b -> b.code().equals(r.band)).map(InstrumentDefinition.BandInfo::label).findFirst()
                .orElse(r.band);
        o.addInterpretation(new CodeableConcept(new Coding(bandSystem(def.id()), r.band, label)).setText(label));
    }

    public Flag flag(Alert a) {
        Flag f = new Flag();
        f.setId(a.id.toString());
        f.setStatus(Alert.RESOLVED.equals(a.status) ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        f.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY, "clinical", "Clinical")));
        f.setCode(new CodeableConcept(new Coding(alertRuleSystem(), a.rule, ruleText(a.rule)))
                .setText(ruleText(a.rule) + " (" + a.instrumentId + ", " + a.status + ")"));
        f.setSubject(patientReference(a.patientId));
        Period period = new Period().setStartElement(new DateTimeType(Date.from(a.raisedAt)));
        if (a.resolvedAt != null) {
            period.setEndElement(new DateTimeType(Date.from(a.resolvedAt)));
        }
        f.setPeriod(period);
        return f;
    }

    static String ruleText(String rule) {
        return switch (rule) {
            case "item9_positive" -> "PHQ-9 item 9 positive (thoughts of self-harm)";
            case "item9_missing" -> "PHQ-9 item 9 not answered";
            case "severe_band" -> "Score in the severe band";
            default -> rule;
        };
    }

    static Reference patientReference(UUID patientId) {
        return new Reference("Patient/" + patientId);
    }
}
