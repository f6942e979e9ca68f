package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The committed contract (openapi/openapi.yaml, written by `./mvnw package`) must be exactly what the service
 * serves. When this fails, regenerate with `./mvnw -B package -DskipTests` and commit openapi/openapi.yaml.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

    @Test
    void committedOpenApiDocumentMatchesTheServedOne() throws IOException {
        assertTrue(Files.exists(COMMITTED), "openapi/openapi.yaml is missing: run ./mvnw -B package -DskipTests");
        String served = given().accept("application/yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        JsonNode committed = YAML.readTree(Files.readString(COMMITTED));
        JsonNode current = YAML.readTree(served);
        assertEquals(operations(current), operations(committed),
                "operations differ: run ./mvnw -B package -DskipTests and commit openapi/openapi.yaml");
        assertEquals(current, committed,
                "openapi/openapi.yaml differs from the served contract: run ./mvnw -B package -DskipTests and commit it");
    }

    /**
     * Equivalence, independent of wording: every operation keeps its parameters, request bodies, status codes,
     * headers, response schemas and security, and every component schema stays the same. The baseline is the
     * committed file; {@code -Dcontract.baseline=<file>} compares the served document with another one (e.g. the
     * document before a refactoring of the annotations).
     */
    @Test
    void everyOperationKeepsItsStatusCodesAndSchemas() throws IOException {
        Path baseline = Path.of(System.getProperty("contract.baseline", COMMITTED.toString()));
        JsonNode before = YAML.readTree(Files.readString(baseline));
        JsonNode now = YAML.readTree(given().accept("application/yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertEquals(operations(before), operations(now), "operations differ from " + baseline);
        SortedMap<String, String> expected = ContractShape.operations(before);
        SortedMap<String, String> actual = ContractShape.operations(now);
        assertAll(expected.keySet().stream().map(op -> () -> assertEquals(expected.get(op), actual.get(op),
                op + " differs from " + baseline)));
        SortedMap<String, String> expectedSchemas = ContractShape.schemas(before);
        SortedMap<String, String> actualSchemas = ContractShape.schemas(now);
        assertEquals(expectedSchemas.keySet(), actualSchemas.keySet(), "component schemas differ from " + baseline);
        assertAll(expectedSchemas.keySet().stream().map(name -> () -> assertEquals(expectedSchemas.get(name),
                actualSchemas.get(name), "schema " + name + " differs from " + baseline)));
    }

    @Test
    void contractDeclaresBearerJwtSecurityForEveryOperation() throws IOException {
        JsonNode served = YAML.readTree(given().accept("application/yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        JsonNode scheme = served.path("components").path("securitySchemes").path("bearerJwt");
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        assertEquals("JWT", scheme.path("bearerFormat").asText());
        java.util.List<String> checked = new java.util.ArrayList<>();
        served.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
            String op = m.getKey().toUpperCase() + " " + path.getKey();
            JsonNode security = m.getValue().path("security");
            assertEquals(1, security.size(), op + ": one security requirement");
            assertEquals(java.util.List.of("bearerJwt"), fieldNames(security.get(0)), op + ": bearerJwt");
            java.util.List<String> roles = new java.util.ArrayList<>();
            security.get(0).path("bearerJwt").forEach(r -> roles.add(r.asText()));
            assertTrue(java.util.List.of("patient", "clinician", "admin").containsAll(roles), op + ": roles " + roles);
            JsonNode responses = m.getValue().path("responses");
            assertEquals("No bearer token, or one that is invalid or expired (PRO-1008)",
                    responses.path("401").path("description").asText(), op + ": 401");
            assertEquals(roles.isEmpty() ? "The token may not use this operation (PRO-1009)"
                    : "The token carries none of the roles this operation allows: " + String.join(", ", roles)
                            + " (PRO-1009)", responses.path("403").path("description").asText(), op + ": 403");
            for (String status : java.util.List.of("401", "403")) {
                assertEquals("#/components/schemas/Problem", responses.path(status).path("content")
                        .path("application/problem+json").path("schema").path("$ref").asText(), op + ": " + status);
            }
            if (path.getKey().contains("{")) {
                assertTrue(responses.has("404"), op + ": a path id can name what the caller may not see");
            }
            checked.add(op);
        }));
        assertEquals(operations(served).size(), checked.size());
        assertTrue(checked.size() >= 59, "every operation was checked: " + checked.size());
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** "METHOD path" of every operation, sorted, so that a failure names what was added or removed. */
    static java.util.SortedSet<String> operations(JsonNode doc) {
        java.util.SortedSet<String> ops = new java.util.TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> ops.add(method.toUpperCase() + " " + path.getKey())));
        return ops;
    }
}
