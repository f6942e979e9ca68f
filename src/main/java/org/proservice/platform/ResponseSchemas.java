package org.proservice.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The service writes every property of a response record, null included (Jackson's default), so a schema that
 * only responses use lists all its properties as required; whether a value may be null is the property's own
 * type. A schema that states its own {@code required} (e.g. Problem, which leaves empty fields out) keeps it.
 */
final class ResponseSchemas {

    private ResponseSchemas() {
    }

    static void requireEveryProperty(OpenAPI api, Map<String, Schema> schemas) {
        Set<String> inRequests = new HashSet<>();
        Set<String> inResponses = new HashSet<>();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null) {
                reach(op.getRequestBody().getContent(), schemas, inRequests);
            }
            if (op.getResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> reach(r.getContent(), schemas, inResponses));
            }
        }));
        inResponses.removeAll(inRequests);
        for (String name : inResponses) {
            Schema s = schemas.get(name);
            if (s != null && s.getProperties() != null && (s.getRequired() == null || s.getRequired().isEmpty())) {
                List<String> required = new ArrayList<>();
                s.getProperties().forEach((property, schema) -> {
                    if (!Boolean.TRUE.equals(schema.getWriteOnly())) {
                        required.add(property);
                    }
                });
                s.setRequired(required);
            }
        }
    }

    private static void reach(Content content, Map<String, Schema> schemas, Set<String> names) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        Deque<String> todo = new ArrayDeque<>();
        content.getMediaTypes().values().forEach(m -> todo.addAll(ContractFilter.refsIn(m)));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Schema s = schemas.get(name);
            if (names.add(name) && s != null) {
                SchemaWalk.walk(s, x -> {
                    if (x.getRef() != null && x.getRef().startsWith(ContractFilter.SCHEMAS)) {
                        todo.add(x.getRef().substring(ContractFilter.SCHEMAS.length()));
                    }
                });
            }
        }
    }
}
