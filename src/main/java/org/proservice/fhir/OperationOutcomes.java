package org.proservice.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.proservice.error.Problem;
import org.proservice.platform.FhirSupport;

/**
 * Errors under {@code /fhir/} leave as FHIR {@code OperationOutcome} ({@code application/fhir+json}) instead of
 * problem+json. Every error of the service is shaped as a {@link Problem} in one place; this filter rewrites that
 * body for FHIR paths, so the status, the stable {@code PRO-xxxx} code (as {@code issue.details.coding}) and the
 * per-field entries are the same in both formats. A field that is a FHIRPath into the submitted resource (it starts
 * with the resource type) becomes {@code issue.expression}; any other (a search parameter) is named in
 * {@code issue.diagnostics}.
 */
public class OperationOutcomes {

    /** The code system of the service's error codes in {@code issue.details}. */
    static final String ERROR_CODES = "urn:pro-service:error-code";

    @Inject
    FhirContext fhir;

    @ServerResponseFilter
    public void toOperationOutcome(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem)
                || !request.getUriInfo().getPath().startsWith("/fhir/")) {
            return;
        }
        response.setEntity(fhir.newJsonParser().encodeResourceToString(of(problem)), null,
                MediaType.valueOf(FhirSupport.FHIR_JSON));
    }

    static OperationOutcome of(Problem problem) {
        OperationOutcome oo = new OperationOutcome();
        IssueType type = type(problem.status());
        CodeableConcept details = new CodeableConcept(new Coding(ERROR_CODES, problem.code(), problem.title()))
                .setText(problem.title());
        if (problem.errors() == null || problem.errors().isEmpty()) {
            oo.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDetails(details)
                    .setDiagnostics(problem.detail());
        }
        for (Problem.FieldError e : problem.errors() == null ? java.util.List.<Problem.FieldError>of()
                : problem.errors()) {
            OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(IssueSeverity.ERROR)
                    .setCode(type == IssueType.PROCESSING ? IssueType.INVALID : type).setDetails(details.copy());
            boolean path = e.field() != null && !e.field().isEmpty() && Character.isUpperCase(e.field().charAt(0));
            if (path) {
                issue.addExpression(e.field());
                issue.setDiagnostics(e.code() + ": " + e.message());
            } else {
                issue.setDiagnostics((e.field() == null ? "" : e.field() + ": ") + e.code() + ": " + e.message());
            }
        }
        return oo;
    }

    private static IssueType type(int status) {
        return switch (status) {
            case 401, 403 -> IssueType.SECURITY;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 409 -> IssueType.CONFLICT;
            case 413 -> IssueType.TOOCOSTLY;
            case 503 -> IssueType.TRANSIENT;
            default -> status >= 500 ? IssueType.EXCEPTION : status == 422 ? IssueType.PROCESSING : IssueType.INVALID;
        };
    }
}
