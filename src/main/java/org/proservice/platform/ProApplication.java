package org.proservice.platform;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@OpenAPIDefinition(
        info = @Info(
                title = "PRO service API",
                version = "1",
                description = """
                        Patient-reported outcomes backend. Patients answer validated questionnaires from the \
                        instrument catalog (GET /api/v1/instruments) on a study's schedule; every submission is validated and scored on arrival, \
                        safety alerts are raised, and clinicians follow score histories, change from baseline and \
                        per-arm summaries. Every error body is RFC 9457 application/problem+json with a stable \
                        `code`. Every endpoint needs a bearer JWT whose `groups` claim holds the caller's role \
                        (`patient`, `clinician` or `admin`).""",
                contact = @Contact(name = "PRO service maintainers"),
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        servers = @Server(url = "http://localhost:8080", description = "Dev mode (./mvnw quarkus:dev). A deployment "
                + "serves the same paths under its own base URL; generated clients take it as their base path."),
        security = @SecurityRequirement(name = "bearerJwt"),
        tags = {
                @Tag(name = "Session", description = "Who the service takes the caller to be"),
                @Tag(name = "Instruments", description = "Questionnaire catalog, FHIR Questionnaires and stateless scoring"),
                @Tag(name = "Studies", description = "Studies, arms, staff and protocol versions"),
                @Tag(name = "Schedule", description = "Enrollments, clinical events and assessment tasks"),
                @Tag(name = "Responses", description = "Submissions, amendments, histories and score series"),
                @Tag(name = "Alerts", description = "Safety alerts and their lifecycle"),
                @Tag(name = "Reports", description = "Summaries, adherence and exports"),
                @Tag(name = "Audit", description = "Append-only audit trail")
        })
@SecurityScheme(securitySchemeName = "bearerJwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "RS256/ES256 JWT with iss, aud, exp, sub and a groups claim")
public class ProApplication extends Application {
}
