package org.proservice.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.proservice.alert.Alert;
import org.proservice.error.ProblemException;
import org.proservice.instrument.FhirQuestionnaires;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.response.ResponseRecord;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Reads and searches behind {@code /fhir/r4}: access through {@link FhirAccess} (the access policy), resources from
 * {@link FhirMapping}, every read or search of patient data audited in its transaction. Searches are per patient
 * (a patient's history is small): the patient's current rows are loaded, filtered and sorted here, and the caller
 * pages the result.
 */
@ApplicationScoped
public class FhirReadService {

    @Inject
    FhirAccess access;
    @Inject
    AccessPolicy policy;
    @Inject
    CurrentCaller caller;
    @Inject
    FhirRecords records;
    @Inject
    FhirMapping mapping;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    FhirQuestionnaires questionnaires;
    @Inject
    FhirContext fhir;
    @Inject
    AuditLog audit;

    /** Search criteria of QuestionnaireResponse and Observation; null fields do not filter. */
    public record Criteria(String patient, String questionnaire, String code, Predicate<Instant> when,
            boolean ascending) {
    }

    public Questionnaire questionnaire(String id) {
        return questionnaires.find(id).map(t -> fhir.newJsonParser().parseResource(Questionnaire.class, t.body()))
                .orElseThrow(() -> ProblemException.notFound("Questionnaire"));
    }

    public List<Resource> questionnairesByUrl(String url) {
        List<Resource> found = new ArrayList<>();
        for (InstrumentDefinition d : catalog.all()) {
            Questionnaire q = questionnaire(d.id());
            if (url == null || url.equals(q.getUrl()) || url.equals(q.getUrl() + "|" + q.getVersion())) {
                found.add(q);
            }
        }
        return found;
    }

    @Transactional
    public org.hl7.fhir.r4.model.Patient patient(String id) {
        FhirAccess.PatientScope scope = access.patient(uuidOrNull(id), AuditAction.READ);
        audit.event(AuditAction.READ, AuditResource.FHIR_PATIENT).id(id).patient(scope.patient().id).allowed();
        return mapping.patient(scope.patient(), scope.enrollments());
    }

    @Transactional
    public QuestionnaireResponse questionnaireResponse(String id) {
        ResponseRecord r = response(uuidOrNull(id), AuditResource.FHIR_QUESTIONNAIRE_RESPONSE, id);
        audit.event(AuditAction.READ, AuditResource.FHIR_QUESTIONNAIRE_RESPONSE).id(id).patient(r.patientId)
                .study(r.studyId).allowed();
        return mapping.questionnaireResponse(r, definition(r));
    }

    @Transactional
    public Observation observation(String id) {
        UUID responseId = FhirMapping.responseIdOfObservation(id).orElse(null);
        ResponseRecord r = response(responseId, AuditResource.FHIR_OBSERVATION, id);
        Observation o = mapping.observations(r, definition(r)).stream().filter(x -> x.getIdPart().equals(id))
                .findFirst().orElseThrow(() -> ProblemException.notFound("Observation"));
        audit.event(AuditAction.READ, AuditResource.FHIR_OBSERVATION).id(id).patient(r.patientId).study(r.studyId)
                .allowed();
        return o;
    }

    @Transactional
    public Flag flag(String id) {
        UUID alertId = uuidOrNull(id);
        Alert a = alertId == null ? null : records.alert(alertId).orElse(null);
        if (a == null) {
            policy.requirePatient(null, AuditAction.READ);
        }
        access.owner(AuditResource.FHIR_FLAG, id, a.patientId, a.studyId);
        audit.event(AuditAction.READ, AuditResource.FHIR_FLAG).id(id).patient(a.patientId).study(a.studyId).allowed();
        return mapping.flag(a);
    }

    @Transactional
    public List<Resource> searchQuestionnaireResponses(Criteria c) {
        FhirAccess.PatientScope scope = scope(c.patient());
        List<Resource> found = new ArrayList<>();
        for (ResponseRecord r : sorted(records.currentResponses(scope.patient().id, scope.studyIds()), c)) {
            QuestionnaireResponse qr = mapping.questionnaireResponse(r, definition(r));
            if ((c.questionnaire() == null || c.questionnaire().equals(qr.getQuestionnaire())
                    || qr.getQuestionnaire().startsWith(c.questionnaire() + "|"))
                    && (c.when() == null || c.when().test(r.completedAt))) {
                found.add(qr);
            }
        }
        audit.event(AuditAction.READ, AuditResource.FHIR_QUESTIONNAIRE_RESPONSE).patient(scope.patient().id)
                .detail("search", true).detail("results", found.size()).allowed();
        return found;
    }

    @Transactional
    public List<Resource> searchObservations(Criteria c) {
        FhirAccess.PatientScope scope = scope(c.patient());
        List<Resource> found = new ArrayList<>();
        for (ResponseRecord r : sorted(records.currentResponses(scope.patient().id, scope.studyIds()), c)) {
            if (c.when() != null && !c.when().test(r.completedAt)) {
                continue;
            }
            for (Observation o : mapping.observations(r, definition(r))) {
                if (c.code() == null || o.getCode().getCoding().stream().anyMatch(
                        k -> c.code().equals(k.getCode()) || c.code().equals(k.getSystem() + "|" + k.getCode()))) {
                    found.add(o);
                }
            }
        }
        audit.event(AuditAction.READ, AuditResource.FHIR_OBSERVATION).patient(scope.patient().id).detail("search", true)
                .detail("results", found.size()).allowed();
        return found;
    }

    @Transactional
    public List<Resource> searchFlags(String patient) {
        FhirAccess.PatientScope scope = scope(patient);
        List<Resource> found = new ArrayList<>();
        records.alerts(scope.patient().id, scope.studyIds()).forEach(a -> found.add(mapping.flag(a)));
        audit.event(AuditAction.READ, AuditResource.FHIR_FLAG).patient(scope.patient().id).detail("search", true)
                .detail("results", found.size()).allowed();
        return found;
    }

    private static List<ResponseRecord> sorted(List<ResponseRecord> rows, Criteria c) {
        Comparator<ResponseRecord> order = Comparator.comparing((ResponseRecord r) -> r.completedAt)
                .thenComparing(r -> r.id);
        return rows.stream().sorted(c.ascending() ? order : order.reversed()).toList();
    }

    /** The patient named by a search (own record of a patient caller when not named). */
    private FhirAccess.PatientScope scope(String patient) {
        if (patient == null) {
            if (!caller.isPatient()) {
                throw FhirDates.invalid("patient", "required: name the patient (patient=Patient/<id>)");
            }
            return access.patient(policy.requireSelf().id, AuditAction.READ);
        }
        String id = patient.substring(patient.lastIndexOf('/') + 1);
        UUID pid = uuidOrNull(id);
        if (pid == null) {
            throw FhirDates.invalid("patient", "a Patient reference: Patient/<id>");
        }
        return access.patient(pid, AuditAction.READ);
    }

    private ResponseRecord response(UUID responseId, AuditResource resourceType, String id) {
        ResponseRecord r = responseId == null ? null : records.response(responseId).orElse(null);
        if (r == null) {
            policy.requirePatient(null, AuditAction.READ);
        }
        access.owner(resourceType, id, r.patientId, r.studyId);
        return r;
    }

    private InstrumentDefinition definition(ResponseRecord r) {
        return catalog.find(r.instrumentId).map(t -> t.body()).orElseGet(() ->
                InstrumentDefinition.bare(r.instrumentId, r.instrumentVersion, r.answers.keySet()));
    }

    static UUID uuidOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
