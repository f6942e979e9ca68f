package org.proservice.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import io.quarkus.security.Authenticated;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/whoami")
@Tag(name = "Session")
@Authenticated
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @Schema(name = "Caller", description = "The caller as the service sees the bearer token")
    public record Caller(@Schema(example = "3f1c9d2e-patient-sub") String subject,
            @Schema(example = "[\"patient\"]") List<String> roles) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "whoAmI", summary = "The caller's subject and roles, as read from the bearer token")
    public Caller whoAmI() {
        TreeSet<String> roles = new TreeSet<>(jwt.getGroups());
        roles.retainAll(List.of(Roles.PATIENT, Roles.CLINICIAN, Roles.ADMIN));
        return new Caller(jwt.getSubject(), List.copyOf(roles));
    }
}
