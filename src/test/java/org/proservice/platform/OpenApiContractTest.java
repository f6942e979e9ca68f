package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void contractDeclaresBearerJwtSecurityForEveryOperation() {
        String served = given().accept("application/yaml").when().get("/q/openapi").then().extract().asString();
        assertTrue(served.contains("bearerJwt:"), "bearerJwt security scheme missing");
        assertTrue(served.contains("scheme: bearer"), "bearer scheme missing");
    }

    /** "METHOD path" of every operation, sorted, so that a failure names what was added or removed. */
    static java.util.SortedSet<String> operations(JsonNode doc) {
        java.util.SortedSet<String> ops = new java.util.TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> ops.add(method.toUpperCase() + " " + path.getKey())));
        return ops;
    }
}
