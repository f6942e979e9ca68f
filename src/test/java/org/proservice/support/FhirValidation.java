package org.proservice.support;

import static org.junit.jupiter.api.Assertions.fail;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * HAPI FHIR's instance validator against the base R4 specification, with the Questionnaires the service serves
 * loaded (so their canonicals resolve). LOINC is not loaded: LOINC codings are reported as "cannot be checked"
 * warnings, and HAPI's default settings do not check a QuestionnaireResponse's items against its Questionnaire. Building it loads the R4 profiles once (a few seconds); reuse one instance per test class.
 */
public final class FhirValidation {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final FhirValidator validator;

    public FhirValidation(List<Questionnaire> servedQuestionnaires) {
        PrePopulatedValidationSupport served = new PrePopulatedValidationSupport(FHIR);
        servedQuestionnaires.forEach(served::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR), served);
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        validator = FHIR.newValidator().registerValidatorModule(module);
    }

    /** Every message, one a line, for failure messages. */
    public String report(String json) {
        StringBuilder sb = new StringBuilder();
        validator.validateWithResult(json).getMessages().forEach(m -> sb.append("\n  ").append(m.getSeverity())
                .append(' ').append(m.getLocationString()).append(": ").append(m.getMessage()));
        return sb.toString();
    }

    /** The messages of severity error or fatal for the resource in {@code json}. */
    public List<SingleValidationMessage> errors(String json) {
        return validator.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    /** Fails with every error message when the resource does not validate with zero errors. */
    public void assertValid(String json) {
        List<SingleValidationMessage> errors = errors(json);
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder(errors.size() + " validation error(s):");
            errors.forEach(m -> sb.append("\n  ").append(m.getLocationString()).append(": ").append(m.getMessage()));
            fail(sb.toString());
        }
    }
}
