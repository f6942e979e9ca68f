package org.proservice.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.proservice.alert.Alert;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.response.ResponseRecord;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;

/**
 * A patient's record as one FHIR R4 {@code Bundle} (type collection) that an EHR can take in one go: the
 * {@code Patient}, every current {@code QuestionnaireResponse} with its score {@code Observation}s, and every safety
 * alert (open and closed) as a {@code Flag}, all built by {@link FhirMapping} - the same resources
 * {@code /fhir/r4} serves. Each entry's {@code fullUrl} is its address on {@code /fhir/r4}, so the relative
 * references between the entries resolve inside the bundle.
 */
@ApplicationScoped
public class PatientBundleService {

    @Inject
    FhirAccess access;
    @Inject
    FhirRecords records;
    @Inject
    FhirMapping mapping;
    @Inject
    InstrumentCatalog catalog;
    @Inject
    AuditLog audit;
    @Inject
    FhirContext fhir;

    /** The bundle of {@code patientId} for a caller that may reach it; {@code fhirBase} is the server's FHIR base. */
    @Transactional
    public String bundle(UUID patientId, String fhirBase) {
        FhirAccess.PatientScope scope = access.patient(patientId, AuditAction.READ);
        List<ResponseRecord> rows = records.currentResponses(scope.patient().id, scope.studyIds());
        List<Alert> alerts = records.alerts(scope.patient().id, scope.studyIds());
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(new Date());
        add(bundle, fhirBase, mapping.patient(scope.patient(), scope.enrollments()));
        for (ResponseRecord r : rows) {
            InstrumentDefinition def = catalog.find(r.instrumentId).map(t -> t.body()).orElseGet(() ->
                InstrumentDefinition.bare(r.instrumentId, r.instrumentVersion, r.answers.keySet()));
            add(bundle, fhirBase, mapping.questionnaireResponse(r, def));
            for (Observation o : mapping.observations(r, def)) {
                add(bundle, fhirBase, o);
            }
        }
        for (Alert a : alerts) {
            add(bundle, fhirBase, mapping.flag(a));
        }
        audit.event(AuditAction.READ, AuditResource.FHIR_BUNDLE).patient(scope.patient().id)
                .detail("responses", rows.size()).detail("alerts", alerts.size()).allowed();
        return fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(bundle);
    }

    private static void add(Bundle bundle, String fhirBase, Resource resource) {
        bundle.addEntry().setFullUrl(fhirBase + "/" + resource.fhirType() + "/" + resource.getIdPart())
                .setResource(resource);
    }
}
