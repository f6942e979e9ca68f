package org.proservice.study;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.study.PatientSettingsDtos.PatientSettings;
import org.proservice.security.Roles;

@Path("/api/v1/studies/{id}/patient-settings")
@Tag(name = "Studies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class PatientSettingsResource {

    @Inject
    PatientSettingsService service;

    @GET
    @Operation(operationId = "getPatientSettings", summary = "What the study's patients see of themselves (clinician, staff of the study)")
    @APIResponse(responseCode = "200", description = "The settings (defaults when never set)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientSettings.class)))
    public PatientSettings get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putPatientSettings", summary = "Replace what the study's patients see: arm, own scores, crisis message (clinician, staff of the study)")
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PatientSettings.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Missing or invalid fields, one entry each (PRO-1607)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PatientSettings put(@PathParam("id") UUID id, @NotNull PatientSettings body) {
        return service.replace(id, body);
    }
}
