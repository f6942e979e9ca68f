package org.proservice.response;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.patient.Patient;
import org.proservice.security.AccessPolicy;
import org.proservice.security.Action;
import org.proservice.security.AuditLog;
import org.proservice.security.Outcome;

/**
 * A patient's current responses as a FHIR R4 {@code Bundle} (type collection), built with HAPI FHIR structures and
 * serialised by its JSON parser:
 * <ul>
 * <li>one {@code QuestionnaireResponse} per response: questionnaire = the catalog's canonical
 * ({@code <base>/Questionnaire/<id>|<version>}), authored = completion time, one item per answered item (linkId =
 * item id) with {@code valueCoding} (LOINC answer code, the option label as display) where SPEC gives LOINC answer
 * codes, else {@code valueInteger};</li>
 * <li>one score {@code Observation} per computable score with a LOINC code of SPEC: PHQ-9 total 44261-6, GAD-7
 * total 70274-6, PCL-5 total 101698-9 ({@code valueInteger}); BPI-SF interference 77565-0 ({@code valueQuantity},
 * unrounded mean); band as interpretation text, {@code derivedFrom} the QuestionnaireResponse, status
 * {@code amended} for a correction.</li>
 * </ul>
 * Resources are identified by {@code urn:uuid:<response id>} (the Observation by a name-based UUID of it).
 */
@ApplicationScoped
public class FhirExportService {

    static final String LOINC = "http://loinc.org";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    @Inject
    AccessPolicy access;
    @Inject
    AuditLog audit;
    @Inject
    ResponseRepository responses;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    FhirContext fhir;

    @ConfigProperty(name = "pro.fhir.canonical-base")
    String canonicalBase;

    @Transactional
    public String bundle(UUID patientId) {
        Patient p = access.requirePatient(patientId, Action.READ);
        List<ResponseRecord> rows = responses.currentOfPatient(p.id, access.visibleStudyIds());
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(new Date());
        for (ResponseRecord r : rows) {
            InstrumentDefinition def = catalog.find(r.instrumentId).map(t -> t.body()).orElseGet(() ->
                    InstrumentDefinition.bare(r.instrumentId, r.instrumentVersion, r.answers.keySet()));
            QuestionnaireResponse qr = questionnaireResponse(r, def, p.id);
            String qrUrl = "urn:uuid:" + r.id;
            bundle.addEntry().setFullUrl(qrUrl).setResource(qr);
            for (Observation o : observations(r, def, p.id, qrUrl)) {
                bundle.addEntry().setFullUrl("urn:uuid:" + o.getIdElement().getIdPart()).setResource(o);
            }
        }
        audit.record(Action.READ, "fhir_bundle", null, p.id, null, Outcome.ALLOWED, Map.of("responses", rows.size()));
        return fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(bundle);
    }

    QuestionnaireResponse questionnaireResponse(ResponseRecord r, InstrumentDefinition def, UUID patientId) {
        QuestionnaireResponse qr = new QuestionnaireResponse();
        qr.setId(r.id.toString());
        qr.setQuestionnaire(base() + "/Questionnaire/" + def.id() + "|" + r.instrumentVersion);
        qr.setStatus(r.supersedesId == null ? QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                : QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
        qr.setAuthoredElement(new DateTimeType(Date.from(r.completedAt)));
        qr.setSubject(new Reference("Patient/" + patientId));
        for (InstrumentDefinition.Item item : def.items()) {
            Object value = r.answers.get(item.id());
            if (value == null) {
                continue;
            }
            int code = ((Number) value).intValue();
            QuestionnaireResponseItemComponent answerItem = qr.addItem().setLinkId(item.id()).setText(item.text());
            InstrumentDefinition.Option option = item.options().stream().filter(o -> o.value() == code)
                    .findFirst().orElse(null);
            if (option != null && option.loinc() != null) {
                answerItem.addAnswer().setValue(new Coding(LOINC, option.loinc(), option.label()));
            } else {
                answerItem.addAnswer().setValue(new IntegerType(code));
            }
        }
        return qr;
    }

    List<Observation> observations(ResponseRecord r, InstrumentDefinition def, UUID patientId, String qrUrl) {
        InstrumentDefinition.LoincCodes loinc = def.loinc();
        if (loinc == null) {
            return List.of();
        }
        if (r.total != null && loinc.total() != null) {
            Observation o = observation(r, patientId, qrUrl, "total", loinc.total().code(), loinc.total().display());
            o.setValue(new IntegerType(r.total));
            return List.of(o);
        }
        for (InstrumentDefinition.LoincScoreCode score : loinc.scores()) {
            Object v = r.subscales == null ? null : r.subscales.get(score.score());
            if (v instanceof Number n) {
                Observation o = observation(r, patientId, qrUrl, score.score(), score.code(), score.display());
                o.setValue(new Quantity().setValue(n.doubleValue()).setUnit("{score}")
                        .setSystem("http://unitsofmeasure.org").setCode("{score}"));
                return List.of(o);
            }
        }
        return List.of();
    }

    private Observation observation(ResponseRecord r, UUID patientId, String qrUrl, String measure, String code,
            String display) {
        Observation o = new Observation();
        o.setId(UUID.nameUUIDFromBytes((r.id + "/" + measure).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        o.setStatus(r.supersedesId == null ? Observation.ObservationStatus.FINAL
                : Observation.ObservationStatus.AMENDED);
        o.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey")));
        o.setCode(new CodeableConcept(new Coding(LOINC, code, display)));
        o.setSubject(new Reference("Patient/" + patientId));
        o.setEffective(new DateTimeType(Date.from(r.completedAt)));
        o.setIssued(Date.from(r.receivedAt));
        o.addDerivedFrom(new Reference(qrUrl));
        if (r.band != null && "total".equals(measure)) {
            o.addInterpretation(new CodeableConcept().setText(r.band));
        }
        return o;
    }

    private String base() {
        return canonicalBase.endsWith("/") ? canonicalBase.substring(0, canonicalBase.length() - 1) : canonicalBase;
    }

}
