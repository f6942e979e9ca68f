package org.proservice.platform;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/** Visits every schema of a document: components, parameters, bodies and headers, and everything nested in them. */
final class SchemaWalk {

    private SchemaWalk() {
    }

    static void each(OpenAPI api, Consumer<Schema> visitor) {
        Set<Schema> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Consumer<Schema> once = s -> walk(s, visitor, seen);
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(once);
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().values().forEach(item -> {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> once.accept(p.getSchema()));
            }
            item.getOperations().values().forEach(op -> {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> once.accept(p.getSchema()));
                }
                if (op.getRequestBody() != null) {
                    content(op.getRequestBody().getContent(), once);
                }
                if (op.getResponses() != null) {
                    op.getResponses().getAPIResponses().values().forEach(r -> {
                        content(r.getContent(), once);
                        headers(r.getHeaders(), once);
                    });
                }
            });
        });
    }

    static void walk(Schema schema, Consumer<Schema> visitor) {
        walk(schema, visitor, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Schema s, Consumer<Schema> visitor, Set<Schema> seen) {
        if (s == null || !seen.add(s)) {
            return;
        }
        visitor.accept(s);
        if (s.getProperties() != null) {
            s.getProperties().values().forEach(p -> walk(p, visitor, seen));
        }
        walk(s.getItems(), visitor, seen);
        walk(s.getAdditionalPropertiesSchema(), visitor, seen);
        walk(s.getNot(), visitor, seen);
        for (Collection<Schema> list : new Collection[] { s.getAnyOf(), s.getAllOf(), s.getOneOf() }) {
            if (list != null) {
                list.forEach(x -> walk(x, visitor, seen));
            }
        }
    }

    private static void content(Content content, Consumer<Schema> visitor) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> visitor.accept(m.getSchema()));
        }
    }

    private static void headers(Map<String, Header> headers, Consumer<Schema> visitor) {
        if (headers != null) {
            headers.values().forEach(h -> visitor.accept(h.getSchema()));
        }
    }
}
