package org.proservice.fhir;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * What {@code /fhir/r4} answers, declared once: the CapabilityStatement is built from this table, and a search with a
 * parameter that is not in it is refused (400 {@code PRO-1700}), so the statement cannot promise more or less than
 * the server does. The result parameters {@code _count}, {@code _sort} and {@code _offset} (paging links) are
 * declared per resource too.
 */
final class FhirCapabilities {

    private FhirCapabilities() {
    }

    record Param(String name, SearchParamType type, String documentation) {
    }

    record ResourceCapability(String type, List<TypeRestfulInteraction> interactions, List<Param> params) {
        Set<String> paramNames() {
            return params.stream().map(Param::name).collect(java.util.stream.Collectors.toSet());
        }
    }

    static final Param COUNT = new Param("_count", SearchParamType.NUMBER, "page size, 1-200 (default 50)");
    static final Param OFFSET = new Param("_offset", SearchParamType.NUMBER, "start of the page (paging links)");
    static final Param PATIENT = new Param("patient", SearchParamType.REFERENCE,
            "Patient/<id> or <id>; required for clinicians, a patient's own by default");
    static final Param SUBJECT = new Param("subject", SearchParamType.REFERENCE, "same as patient");

    static final Map<String, ResourceCapability> RESOURCES = new LinkedHashMap<>();

    static {
        add(new ResourceCapability("Questionnaire",
                List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE),
                List.of(new Param("url", SearchParamType.URI, "canonical URL, optionally with |version"), COUNT,
                        OFFSET)));
        add(new ResourceCapability("Patient", List.of(TypeRestfulInteraction.READ), List.of()));
        add(new ResourceCapability("QuestionnaireResponse",
                List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE,
                        TypeRestfulInteraction.CREATE),
                List.of(PATIENT, SUBJECT,
                        new Param("questionnaire", SearchParamType.REFERENCE, "canonical URL, optionally |version"),
                        new Param("authored", SearchParamType.DATE, "prefixes eq, lt, le, gt, ge"),
                        COUNT, OFFSET,
                        new Param("_sort", SearchParamType.SPECIAL, "authored or -authored (default -authored)"))));
        add(new ResourceCapability("Observation",
                List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE),
                List.of(PATIENT, SUBJECT,
                        new Param("code", SearchParamType.TOKEN, "LOINC code, as code or http://loinc.org|code"),
                        new Param("date", SearchParamType.DATE, "prefixes eq, lt, le, gt, ge"),
                        COUNT, OFFSET,
                        new Param("_sort", SearchParamType.SPECIAL, "date or -date (default -date)"))));
        add(new ResourceCapability("Flag",
                List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE),
                List.of(PATIENT, SUBJECT, COUNT, OFFSET)));
    }

    private static void add(ResourceCapability c) {
        RESOURCES.put(c.type(), c);
    }

    static CapabilityStatement statement(String serverBase, String softwareVersion) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE);
        cs.setDate(new Date());
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.setFhirVersion(FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json");
        cs.getSoftware().setName("PRO service").setVersion(softwareVersion);
        cs.getImplementation().setDescription("Patient-reported outcomes: questionnaires, responses, scores, "
                + "safety alerts").setUrl(serverBase);
        CapabilityStatementRestComponent rest = cs.addRest();
        rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.getSecurity().setDescription("Bearer JWT (the same tokens as /api/v1). A patient reaches the own "
                + "record, a clinician the patients of the studies the clinician is staff of, an admin no patient "
                + "data. What does not exist and what the caller may not see are the same 404.");
        for (ResourceCapability c : RESOURCES.values()) {
            CapabilityStatementRestResourceComponent r = rest.addResource().setType(c.type());
            c.interactions().forEach(i -> r.addInteraction().setCode(i));
            for (Param p : c.params()) {
                r.addSearchParam().setName(p.name()).setType(p.type()).setDocumentation(p.documentation());
            }
            if (c.interactions().contains(TypeRestfulInteraction.CREATE)) {
                r.setConditionalCreate(false);
                r.getInteraction().stream().filter(i -> i.getCode() == TypeRestfulInteraction.CREATE).findFirst()
                        .orElseThrow().setDocumentation("An SDC-style QuestionnaireResponse to a served "
                                + "Questionnaire, by a patient for the own task; needs the Idempotency-Key header");
            }
        }
        return cs;
    }
}
