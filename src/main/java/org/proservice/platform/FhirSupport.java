package org.proservice.platform;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one FHIR R4 context of the service. Creating a {@link FhirContext} scans the model classes and is expensive;
 * it is thread-safe once created, so every feature (Questionnaire delivery, exports) injects this one.
 */
@ApplicationScoped
public class FhirSupport {

    public static final String FHIR_JSON = "application/fhir+json";

    @Produces
    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }
}
