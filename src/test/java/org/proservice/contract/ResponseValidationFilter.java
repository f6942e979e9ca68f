package org.proservice.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every response of the API tests against the committed contract: its status must be declared by the
 * operation, and its body must validate (JSON Schema 2020-12, as OpenAPI 3.1 uses it) against the schema declared for
 * that status and media type. A mismatch fails the test that made the request. Each checked operation and status is
 * appended to {@link #RECORD}, which ResponseValidationCoverageIT compares with the document's operations.
 * Installed for every {@code @QuarkusTest} by {@link InstallResponseValidation}.
 */
public final class ResponseValidationFilter implements Filter {

    public static final Path RECORD = Path.of("target", "contract-coverage", "validated-responses.txt");
    private static final String DOC_URI = "https://pro.local/contract/openapi.json";

    static {
        // Once per test JVM (Quarkus may load this class again per test profile): start a fresh record.
        if (System.getProperty("pro.contract.record-started") == null) {
            System.setProperty("pro.contract.record-started", "true");
            try {
                Files.deleteIfExists(RECORD);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final ContractDocument doc = ContractDocument.get();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(Map.of(DOC_URI, doc.json)));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        if (!path.startsWith("/api/")) {
            return response;
        }
        Optional<ContractDocument.Operation> op = doc.operation(request.getMethod(), path);
        if (op.isEmpty()) {
            return response; // a route the service does not have (405/404 tests): nothing to compare
        }
        check(op.get(), response);
        return response;
    }

    private void check(ContractDocument.Operation op, Response response) {
        String status = Integer.toString(response.statusCode());
        String where = op.method().toUpperCase() + " " + op.path() + " (" + op.operationId() + ") -> " + status;
        JsonNode responses = op.node().path("responses");
        String declared = responses.has(status) ? status : responses.has("default") ? "default" : null;
        if (declared == null) {
            throw new AssertionError("The contract does not declare status " + status + " for " + where
                    + "; body: " + response.asString());
        }
        byte[] body = response.asByteArray();
        JsonNode content = responses.path(declared).path("content");
        String mediaType = response.contentType() == null ? "" : response.contentType().split(";")[0].trim();
        if (body.length == 0) {
            record(op, status);
            return;
        }
        if (!content.has(mediaType)) {
            throw new AssertionError("The contract declares no body of type '" + mediaType + "' for " + where);
        }
        JsonNode schema = content.path(mediaType).path("schema");
        if (mediaType.contains("json") && !schema.isMissingNode()) {
            String pointer = "/paths/" + escape(op.path()) + "/" + op.method() + "/responses/" + escape(declared)
                    + "/content/" + escape(mediaType) + "/schema";
            Schema validator = schemas.computeIfAbsent(pointer,
                    p -> registry.getSchema(SchemaLocation.of(DOC_URI + "#" + p)));
            List<Error> errors = validator.validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON);
            if (!errors.isEmpty()) {
                throw new AssertionError("The response of " + where + " does not match the contract: " + errors
                        + "\nbody: " + new String(body, StandardCharsets.UTF_8));
            }
        }
        record(op, status);
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static synchronized void record(ContractDocument.Operation op, String status) {
        try {
            Files.createDirectories(RECORD.getParent());
            Files.writeString(RECORD, op.operationId() + " " + status + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
