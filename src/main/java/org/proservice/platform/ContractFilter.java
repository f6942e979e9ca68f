package org.proservice.platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.proservice.error.Problem;
import org.proservice.response.SubmissionContract;

/**
 * Conventions that make the generated contract true to the wire, applied to the whole document once (registered
 * at build time, so the stored and the served document are the same), so that a new endpoint or record gets them without per-field annotations. See
 * docs/api-contract.md for the list and for what stays with the annotations.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        SharedSchemas.add(api.getComponents());
        inlineScalarSchemas(api);
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        nullableSharedRefs(schemas);
        SchemaWalk.each(api, ContractFilter::nullableEnumsAcceptNull);
        SchemaWalk.each(api, ContractFilter::nullableRefsAcceptNull);
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
                .filter(SubmissionContract::isSubmission).forEach(SubmissionContract::declare));
        ResponseSchemas.requireEveryProperty(api, schemas);
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(op -> completeOperation(path, op)));
    }

    /**
     * Components that only name a scalar (java.util.UUID, java.time.Instant, LocalDate: "type: string" plus a
     * format) are written in place, so that no Java class name becomes a schema name of the contract.
     */
    private static void inlineScalarSchemas(OpenAPI api) {
        Map<String, Schema> scalars = new LinkedHashMap<>();
        api.getComponents().getSchemas().forEach((name, s) -> {
            if (isScalar(s)) {
                scalars.put(SCHEMAS + name, s);
            }
        });
        SchemaWalk.each(api, s -> inlineInto(s, scalars));
        scalars.keySet().forEach(ref -> api.getComponents().removeSchema(ref.substring(SCHEMAS.length())));
    }

    private static boolean isScalar(Schema s) {
        return s.getRef() == null && s.getType() != null && s.getType().size() == 1
                && !s.getType().contains(SchemaType.OBJECT) && !s.getType().contains(SchemaType.ARRAY)
                && s.getEnumeration() == null && s.getProperties() == null && s.getFormat() != null;
    }

    private static void inlineInto(Schema s, Map<String, Schema> scalars) {
        Schema target = s.getRef() == null ? null : scalars.get(s.getRef());
        if (target != null) {
            s.setRef(null);
            boolean nullable = s.getType() != null && s.getType().contains(SchemaType.NULL);
            s.setType(withNull(target.getType(), nullable));
            s.setFormat(target.getFormat());
            if (s.getPattern() == null) {
                s.setPattern(target.getPattern());
            }
        }
        List<Schema> anyOf = s.getAnyOf();
        if (anyOf != null && anyOf.size() == 2 && anyOf.stream().anyMatch(ContractFilter::isNullOnly)) {
            Schema other = anyOf.stream().filter(a -> !isNullOnly(a)).findFirst().orElseThrow();
            Schema scalar = other.getRef() == null ? null : scalars.get(other.getRef());
            if (scalar != null) {
                s.setAnyOf(null);
                s.setType(withNull(scalar.getType(), true));
                s.setFormat(scalar.getFormat());
            }
        }
    }

    static boolean isNullOnly(Schema s) {
        return s.getRef() == null && s.getType() != null && s.getType().equals(List.of(SchemaType.NULL));
    }

    private static List<SchemaType> withNull(List<SchemaType> types, boolean nullable) {
        List<SchemaType> result = new ArrayList<>(types);
        if (nullable && !result.contains(SchemaType.NULL)) {
            result.add(SchemaType.NULL);
        }
        return result;
    }

    /**
     * A nullable reference ({@code anyOf: [$ref, {type: null}]}) that also carries a {@code type} (SmallRye writes
     * {@code object} beside it) must let null through that type too, or null fails validation against it.
     */
    private static void nullableRefsAcceptNull(Schema s) {
        List<Schema> anyOf = s.getAnyOf();
        if (anyOf != null && s.getType() != null && !s.getType().contains(SchemaType.NULL)
                && anyOf.stream().anyMatch(ContractFilter::isNullOnly)) {
            s.setType(withNull(s.getType(), true));
        }
    }

    /**
     * Properties that refer to a shared schema ({@link SharedSchemas}) and may be null, by schema name. SmallRye
     * drops {@code nullable} beside a {@code ref}, so they become {@code anyOf: [$ref, {type: null}]} here.
     */
    static final Map<String, List<String>> NULLABLE_SHARED_REFS = Map.of("Response", List.of("answers"));

    private static void nullableSharedRefs(Map<String, Schema> schemas) {
        NULLABLE_SHARED_REFS.forEach((name, properties) -> properties.forEach(property -> {
            Schema s = schemas.get(name).getProperties().get(property);
            if (s.getRef() == null) {
                throw new IllegalStateException(name + "." + property + " no longer refers to a shared schema");
            }
            Schema ref = OASFactory.createSchema().ref(s.getRef());
            s.setRef(null);
            s.setAnyOf(List.of(ref, OASFactory.createSchema().type(List.of(SchemaType.NULL))));
        }));
    }

    /** A nullable enum must list null among its values, or null fails validation against it. */
    private static void nullableEnumsAcceptNull(Schema s) {
        if (s.getEnumeration() != null && s.getType() != null && s.getType().contains(SchemaType.NULL)
                && !s.getEnumeration().contains(null)) {
            List<Object> values = new ArrayList<>(s.getEnumeration());
            values.add(null);
            s.setEnumeration(values);
        }
    }

    private static void completeOperation(String path, Operation op) {
        if (op.getResponses() == null) {
            return;
        }
        Map<String, APIResponse> responses = op.getResponses().getAPIResponses();
        accessRefusals(path, op);
        if (!responses.containsKey("500")) {
            op.getResponses().addAPIResponse("500", OASFactory.createAPIResponse()
                    .description("Unexpected failure (PRO-1000); logged with the request id, the detail is generic"));
        }
        if (!responses.containsKey("503")) {
            op.getResponses().addAPIResponse("503", OASFactory.createAPIResponse()
                    .description("Too many requests in flight on this instance (PRO-1018) or the database is not "
                            + "reachable; retry after the number of seconds in Retry-After")
                    .addHeader("Retry-After", OASFactory.createHeader()
                            .description("Seconds to wait before retrying")));
        }
        // refusals made before JAX-RS, on any operation (docs/security.md)
        addIfAbsent(op, "414", "Request URI too long (PRO-1025)");
        addIfAbsent(op, "431", "Request header fields too large (PRO-1026)");
        addIfAbsent(op, "422", "Text that cannot be stored (NUL, other control characters, lone surrogates) in a "
                + "path or query parameter or the body (PRO-1027), naming it");
        addIfAbsent(op, "429", "Too many requests of this caller in flight at once (PRO-1029); retry shortly");
        if (op.getRequestBody() != null) {
            addIfAbsent(op, "408", "The request body did not arrive in time (PRO-1028); the connection is closed");
        }
        conditionalGet(op);
        op.getResponses().getAPIResponses().forEach((code, response) -> {
            if (response.getHeaders() != null) {
                response.getHeaders().forEach(ContractFilter::headerSchema);
            }
            if (code.startsWith("4") || code.startsWith("5") || code.equals("default")) {
                problemBody(response);
            }
            if (response.getContent() != null) {
                binaryBodies(response.getContent());
            }
        });
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            binaryBodies(op.getRequestBody().getContent());
        }
    }

    /**
     * The refusals of the access rules, in one wording each: a secured operation answers 401 (no valid token) and
     * 403 (none of the roles it allows, read from its security requirement), whatever its annotations say; an
     * operation with a path parameter answers 404 for an id the caller may not see, unless its annotations name a
     * more specific 404.
     */
    private static void accessRefusals(String path, Operation op) {
        if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
            List<String> roles = op.getSecurity().stream()
                    .flatMap(requirement -> requirement.getSchemes().values().stream())
                    .flatMap(scopes -> scopes == null ? java.util.stream.Stream.empty() : scopes.stream())
                    .distinct().toList();
            op.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                    .description("No bearer token, or one that is invalid or expired (PRO-1008)"));
            op.getResponses().addAPIResponse("403", OASFactory.createAPIResponse().description(roles.isEmpty()
                    ? "The token may not use this operation (PRO-1009)"
                    : "The token carries none of the roles this operation allows: " + String.join(", ", roles)
                            + " (PRO-1009)"));
        }
        if (path.contains("{")) {
            addIfAbsent(op, "404", "No such resource among those the caller may see: an unknown id and another "
                    + "patient's or study's id get the same answer (PRO-1003)");
        }
    }

    private static void addIfAbsent(Operation op, String status, String description) {
        if (!op.getResponses().getAPIResponses().containsKey(status)) {
            op.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Every error response carries the Problem body (RFC 9457), also where the annotations did not say so. */
    private static void problemBody(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMAS + "Problem"))));
        }
    }

    private static void headerSchema(String name, Header header) {
        if (header.getRef() != null || header.getSchema() != null) {
            return;
        }
        Schema schema = OASFactory.createSchema();
        if (name.equalsIgnoreCase("Retry-After")) {
            schema.addType(SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO);
        } else {
            schema.addType(SchemaType.STRING);
            if (name.equalsIgnoreCase("Location")) {
                schema.format("uri-reference");
            }
        }
        header.setSchema(schema);
    }

    /**
     * An operation whose success response carries an ETag is a conditional GET: it declares If-None-Match, and
     * its 304 carries the same ETag and Cache-Control headers and no body.
     */
    private static void conditionalGet(Operation op) {
        APIResponse ok = op.getResponses().getAPIResponse("200");
        if (ok == null || ok.getHeaders() == null || !ok.getHeaders().containsKey("ETag")) {
            return;
        }
        boolean declared = op.getParameters() != null && op.getParameters().stream()
                .anyMatch(p -> "If-None-Match".equalsIgnoreCase(p.getName()));
        if (!declared) {
            op.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                    .description("The ETag of the copy the client holds; when it still matches, the answer is 304 "
                            + "without a body")
                    .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
        }
        APIResponse notModified = op.getResponses().getAPIResponse("304");
        if (notModified == null) {
            notModified = OASFactory.createAPIResponse().description("Not modified (If-None-Match matched)");
            op.getResponses().addAPIResponse("304", notModified);
        }
        for (String name : List.of("ETag", "Cache-Control")) {
            Header source = ok.getHeaders().get(name);
            if (source != null && (notModified.getHeaders() == null || !notModified.getHeaders().containsKey(name))) {
                notModified.addHeader(name, OASFactory.createHeader().description(source.getDescription()));
            }
        }
    }

    /** Bodies that are not JSON (CSV, PDF, ...) are byte streams to a client: string, format binary. */
    private static void binaryBodies(Content content) {
        content.getMediaTypes().forEach((type, media) -> {
            if (!type.contains("json")) {
                String description = media.getSchema() == null ? null : media.getSchema().getDescription();
                media.setSchema(OASFactory.createSchema().addType(SchemaType.STRING).format("binary")
                        .description(description));
            }
        });
    }

    static Set<String> refsIn(MediaType media) {
        Set<String> refs = new HashSet<>();
        if (media.getSchema() != null) {
            SchemaWalk.walk(media.getSchema(), s -> {
                if (s.getRef() != null && s.getRef().startsWith(SCHEMAS)) {
                    refs.add(s.getRef().substring(SCHEMAS.length()));
                }
            });
        }
        return refs;
    }
}
