package org.proservice.platform;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.proservice.error.ErrorCode;
import org.proservice.error.ProblemException;
import org.proservice.security.Roles;

/**
 * Dev-mode token desk: mints short-lived tokens for the demo users so that Swagger UI and curl work out of the
 * box. Built only into the dev profile; a production build does not contain this class.
 */
@IfBuildProfile("dev")
@Path("/dev/tokens")
@PermitAll
public class DevTokenResource {

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audience;

    /** Demo users: subject → role. Seeded demo data refers to the same subjects. */
    public enum DemoUser {
        ADMIN("demo-admin", Roles.ADMIN),
        CLINICIAN("demo-clinician", Roles.CLINICIAN),
        OTHER_CLINICIAN("demo-clinician-2", Roles.CLINICIAN),
        PATIENT_1("demo-patient-1", Roles.PATIENT),
        PATIENT_2("demo-patient-2", Roles.PATIENT),
        PATIENT_3("demo-patient-3", Roles.PATIENT),
        PATIENT_4("demo-patient-4", Roles.PATIENT),
        PATIENT_5("demo-patient-5", Roles.PATIENT),
        PATIENT_6("demo-patient-6", Roles.PATIENT),
        PATIENT_7("demo-patient-7", Roles.PATIENT),
        PATIENT_8("demo-patient-8", Roles.PATIENT),
        /** A patient account not bound to any patient record yet: for trying an invitation. */
        NEWCOMER("demo-newcomer", Roles.PATIENT);

        final String subject;
        final String role;

        DemoUser(String subject, String role) {
            this.subject = subject;
            this.role = role;
        }
    }

    public record DevToken(String subject, String role, String token, long expiresInSeconds) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public java.util.List<String> users() {
        return java.util.Arrays.stream(DemoUser.values()).map(u -> u.subject).toList();
    }

    @GET
    @Path("/{subject}")
    @Produces(MediaType.APPLICATION_JSON)
    public DevToken token(@PathParam("subject") String subject) {
        DemoUser user = java.util.Arrays.stream(DemoUser.values())
                .filter(u -> u.subject.equals(subject)).findFirst()
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No demo user with that subject"));
        Duration ttl = Duration.ofHours(8);
        String token = Jwt.issuer(issuer).audience(audience).subject(user.subject).groups(Set.of(user.role))
                .expiresIn(ttl).sign();
        return new DevToken(user.subject, user.role, token, ttl.toSeconds());
    }
}
