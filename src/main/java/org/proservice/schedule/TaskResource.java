package org.proservice.schedule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.schedule.ScheduleDtos.ExcuseTask;
import org.proservice.schedule.TaskDtos.TaskList;
import org.proservice.schedule.TaskDtos.TaskView;
import org.proservice.security.Roles;

@Path("/api/v1/patients/{pid}/tasks")
@Tag(name = "Schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
public class TaskResource {

    @Inject
    TaskService service;

    @GET
    @Operation(operationId = "listPatientTasks", summary = "The patient's assessment tasks with windows and statuses (clinician, staff)")
    @APIResponse(responseCode = "200", description = "Tasks in protocol order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskList.class)))
    @APIResponse(responseCode = "400", description = "Unknown status in the filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskList list(@PathParam("pid") UUID pid,
            @QueryParam("status") @Parameter(description = "Repeatable or comma-separated, e.g. open (what is due now)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TaskStatusName.class)) List<String> status,
            @QueryParam("timepoint") @Parameter(description = "Timepoint key, e.g. T1") String timepoint,
            @QueryParam("instrument") @Parameter(description = "Instrument id, e.g. phq9") String instrument) {
        return service.forPatient(pid, TaskFilter.parse(status, timepoint, instrument));
    }

    @POST
    @Path("/{timepointKey}/{instrumentId}/excuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "excuseTask", summary = "Excuse one task with a reason (clinician, staff)",
            description = "The reason is stored with the excusal and shown to staff; it is not copied to the audit trail.")
    @APIResponse(responseCode = "200", description = "The task, now excused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or missing reason", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such patient in the caller's studies, or no such task for the patient", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already excused (PRO-1306) or completed (PRO-1307)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Patient in several of the caller's studies and no studyId", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskView excuse(@PathParam("pid") UUID pid, @PathParam("timepointKey") String timepointKey,
            @PathParam("instrumentId") String instrumentId, @NotNull @Valid ExcuseTask body) {
        return service.excuse(pid, timepointKey, instrumentId, body);
    }
}
