package org.proservice.instrument;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The FHIR R4 Questionnaire of every catalog entry in each of its languages, serialized once with HAPI's JSON
 * parser.
 */
@ApplicationScoped
public class FhirQuestionnaires {

    private final Map<String, Map<String, Tagged<String>>> questionnaires = new LinkedHashMap<>();
    private final InstrumentCatalog catalog;

    FhirQuestionnaires(InstrumentCatalog catalog, FhirContext fhir,
            @ConfigProperty(name = "pro.fhir.canonical-base") String canonicalBase) {
        this.catalog = catalog;
        for (InstrumentDefinition d : catalog.all()) {
            Map<String, Tagged<String>> languages = new LinkedHashMap<>();
            for (InstrumentDefinition l : catalog.allLanguages(d.id())) {
                String json = fhir.newJsonParser().setPrettyPrint(false)
                        .encodeResourceToString(QuestionnaireMapper.toQuestionnaire(l, canonicalBase));
                languages.put(l.language(), Tagged.ofText(json));
            }
            questionnaires.put(d.id(), languages);
        }
    }

    /** The Questionnaire in the instrument's own language. */
    public Optional<Tagged<String>> find(String instrumentId) {
        return find(instrumentId, null);
    }

    /** The Questionnaire in the language {@code Accept-Language} prefers (see {@link InstrumentCatalog#find}). */
    public Optional<Tagged<String>> find(String instrumentId, String acceptLanguage) {
        return catalog.find(instrumentId, acceptLanguage)
                .map(d -> questionnaires.get(instrumentId).get(d.body().language()));
    }
}
