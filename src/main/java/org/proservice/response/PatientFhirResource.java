package org.proservice.response;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.fhir.PatientBundleService;
import org.proservice.platform.FhirSupport;
import org.proservice.security.Roles;

/** A patient's FHIR export for study staff. */
@Path("/api/v1/patients/{pid}/fhir")
@RolesAllowed(Roles.CLINICIAN)
public class PatientFhirResource {


    @Inject
    PatientBundleService fhir;

    @GET
    @Produces({ FhirSupport.FHIR_JSON, MediaType.APPLICATION_JSON })
    @Tag(name = "Reports")
    @Operation(operationId = "exportPatientFhir", summary = "A patient's record as a FHIR R4 Bundle: the Patient "
            + "(study subject codes, no names), current QuestionnaireResponses, LOINC-coded score Observations with "
            + "the band as a coded interpretation, and safety alerts as Flags (clinician staff)")
    @APIResponse(responseCode = "200", description = "FHIR R4 Bundle (type collection)", content = @Content(mediaType = FhirSupport.FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public String fhir(@PathParam("pid") UUID pid, @Context UriInfo uri) {
        return fhir.bundle(pid, uri.getBaseUriBuilder().path("fhir/r4").build().toString());
    }
}
