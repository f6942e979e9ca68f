package org.proservice.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The committed openapi/openapi.yaml (OpenApiContractTest proves it is what the service serves), read once. */
public final class ContractDocument {

    public static final Path FILE = Path.of("openapi", "openapi.yaml");
    private static volatile ContractDocument instance;

    final JsonNode root;
    final String json;
    private final List<Template> templates = new ArrayList<>();

    record Template(String path, Pattern pattern, int parameters) {
    }

    /** One operation of the document as a request hits it. */
    public record Operation(String path, String method, String operationId, JsonNode node) {
    }

    private ContractDocument(JsonNode root) throws IOException {
        this.root = root;
        this.json = new ObjectMapper().writeValueAsString(root);
        root.path("paths").fieldNames().forEachRemaining(p -> templates.add(new Template(p,
                Pattern.compile(Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")),
                p.split("\\{", -1).length - 1)));
        templates.sort(Comparator.comparingInt(Template::parameters));
    }

    public static ContractDocument get() {
        if (instance == null) {
            synchronized (ContractDocument.class) {
                if (instance == null) {
                    try {
                        instance = new ContractDocument(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(FILE)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return instance;
    }

    /** The operation a request path (without query) and method reach, if the document has it. */
    public Optional<Operation> operation(String method, String path) {
        for (Template t : templates) {
            if (t.pattern().matcher(path).matches()) {
                JsonNode op = root.path("paths").path(t.path()).path(method.toLowerCase());
                return op.isMissingNode() ? Optional.empty()
                        : Optional.of(new Operation(t.path(), method.toLowerCase(), op.path("operationId").asText(), op));
            }
        }
        return Optional.empty();
    }

    /** Every operationId of the document, sorted. */
    public TreeSet<String> operationIds() {
        TreeSet<String> ids = new TreeSet<>();
        root.path("paths").forEach(item -> item.forEach(op -> {
            if (op.has("operationId")) {
                ids.add(op.path("operationId").asText());
            }
        }));
        return ids;
    }
}
