package org.proservice.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.proservice.platform.FhirSupport;
import org.proservice.response.IdempotencyKeyHeader;
import org.proservice.security.Roles;

/**
 * The FHIR R4 REST interface for integrators, on Quarkus REST (see docs/fhir.md for why not HAPI's
 * RestfulServer). Thin: parameters in, resources from {@link FhirReadService} / {@link FhirSubmissionService} out,
 * serialised by HAPI's JSON parser. What it answers is declared in {@link FhirCapabilities} ({@code metadata}).
 * Kept out of the OpenAPI document: FHIR clients read the CapabilityStatement.
 */
@Path("/fhir/r4")
@Produces({ FhirSupport.FHIR_JSON, MediaType.APPLICATION_JSON })
@RolesAllowed({ Roles.PATIENT, Roles.CLINICIAN, Roles.ADMIN })
public class FhirServerResource {

    @Inject
    FhirReadService reads;
    @Inject
    FhirSubmissionService submissions;
    @Inject
    FhirContext fhir;
    @Context
    UriInfo uri;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @GET
    @Path("/metadata")
    @PermitAll
    public Response metadata() {
        return ok(FhirCapabilities.statement(base(), version));
    }

    @GET
    @Path("/Questionnaire/{id}")
    public Response questionnaire(@PathParam("id") String id) {
        return ok(reads.questionnaire(id));
    }

    @GET
    @Path("/Questionnaire")
    public Response searchQuestionnaires(@QueryParam("url") String url) {
        SearchPages.checkParameters("Questionnaire", uri);
        return ok(SearchPages.page(reads.questionnairesByUrl(url), base(), uri));
    }

    @GET
    @Path("/Patient/{id}")
    public Response patient(@PathParam("id") String id) {
        return ok(reads.patient(id));
    }

    @GET
    @Path("/QuestionnaireResponse/{id}")
    public Response questionnaireResponse(@PathParam("id") String id) {
        return ok(reads.questionnaireResponse(id));
    }

    @GET
    @Path("/QuestionnaireResponse")
    public Response searchQuestionnaireResponses(@QueryParam("patient") String patient,
            @QueryParam("subject") String subject, @QueryParam("questionnaire") String questionnaire,
            @QueryParam("authored") String authored, @QueryParam("_sort") String sort) {
        SearchPages.checkParameters("QuestionnaireResponse", uri);
        List<Resource> found = reads.searchQuestionnaireResponses(new FhirReadService.Criteria(
                patient(patient, subject), questionnaire, null,
                authored == null ? null : FhirDates.parse("authored", authored),
                SearchPages.ascending(sort, "authored")));
        return ok(SearchPages.page(found, base(), uri));
    }

    @GET
    @Path("/Observation/{id}")
    public Response observation(@PathParam("id") String id) {
        return ok(reads.observation(id));
    }

    @GET
    @Path("/Observation")
    public Response searchObservations(@QueryParam("patient") String patient, @QueryParam("subject") String subject,
            @QueryParam("code") String code, @QueryParam("date") String date, @QueryParam("_sort") String sort) {
        SearchPages.checkParameters("Observation", uri);
        List<Resource> found = reads.searchObservations(new FhirReadService.Criteria(patient(patient, subject),
                null, code, date == null ? null : FhirDates.parse("date", date), SearchPages.ascending(sort, "date")));
        return ok(SearchPages.page(found, base(), uri));
    }

    @GET
    @Path("/Flag/{id}")
    public Response flag(@PathParam("id") String id) {
        return ok(reads.flag(id));
    }

    @GET
    @Path("/Flag")
    public Response searchFlags(@QueryParam("patient") String patient, @QueryParam("subject") String subject) {
        SearchPages.checkParameters("Flag", uri);
        return ok(SearchPages.page(reads.searchFlags(patient(patient, subject)), base(), uri));
    }

    @POST
    @Path("/QuestionnaireResponse")
    @Consumes({ FhirSupport.FHIR_JSON, MediaType.APPLICATION_JSON })
    @RolesAllowed(Roles.PATIENT)
    public Response submit(@HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey, String body) {
        String key = IdempotencyKeyHeader.require(idempotencyKey);
        FhirSubmissionService.Created created = submissions.submit(key, body);
        String id = created.resource().getIdPart();
        return Response.status(Response.Status.CREATED)
                .location(uri.getBaseUriBuilder().path("fhir/r4/QuestionnaireResponse/{id}").build(id))
                .header(IdempotencyKeyHeader.REPLAYED, created.replayed())
                .type(FhirSupport.FHIR_JSON)
                .entity(fhir.newJsonParser().encodeResourceToString(created.resource())).build();
    }

    private static String patient(String patient, String subject) {
        if (patient != null && subject != null && !patient.equals(subject)) {
            throw FhirDates.invalid("subject", "give patient or subject, not two different ones");
        }
        return patient != null ? patient : subject;
    }

    private String base() {
        return uri.getBaseUriBuilder().path("fhir/r4").build().toString();
    }

    private Response ok(IBaseResource resource) {
        return Response.ok(fhir.newJsonParser().encodeResourceToString(resource), FhirSupport.FHIR_JSON).build();
    }
}
