package org.proservice.instrument;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The FHIR R4 Questionnaire of every catalog entry, serialized once with HAPI's JSON parser. */
@ApplicationScoped
public class FhirQuestionnaires {

    private final Map<String, Tagged<String>> questionnaires = new LinkedHashMap<>();

    FhirQuestionnaires(InstrumentCatalog catalog, FhirContext fhir,
            @ConfigProperty(name = "pro.fhir.canonical-base") String canonicalBase) {
        for (InstrumentDefinition d : catalog.all()) {
            String json = fhir.newJsonParser().setPrettyPrint(false)
                    .encodeResourceToString(QuestionnaireMapper.toQuestionnaire(d, canonicalBase));
            questionnaires.put(d.id(), Tagged.ofText(json));
        }
    }

    public Optional<Tagged<String>> find(String instrumentId) {
        return Optional.ofNullable(instrumentId == null ? null : questionnaires.get(instrumentId));
    }
}
