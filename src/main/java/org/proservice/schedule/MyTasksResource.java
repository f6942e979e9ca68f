package org.proservice.schedule;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.proservice.error.Problem;
import org.proservice.schedule.TaskDtos.TaskList;
import org.proservice.security.Roles;

@Path("/api/v1/me/tasks")
@Tag(name = "Schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATIENT)
public class MyTasksResource {

    @Inject
    TaskService service;

    @GET
    @Operation(operationId = "listMyTasks", summary = "The caller's own assessment tasks (patient); ?status=open is what is due now")
    @APIResponse(responseCode = "200", description = "Tasks in protocol order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskList.class)))
    @APIResponse(responseCode = "400", description = "Unknown status in the filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The caller is not an enrolled patient", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TaskList list(
            @QueryParam("status") @Parameter(description = "Repeatable or comma-separated, e.g. open (what is due now)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TaskStatusName.class)) List<String> status,
            @QueryParam("timepoint") @Parameter(description = "Timepoint key, e.g. T1") String timepoint,
            @QueryParam("instrument") @Parameter(description = "Instrument id, e.g. phq9") String instrument) {
        return service.mine(TaskFilter.parse(status, timepoint, instrument));
    }
}
