package org.proservice.instrument;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON Schema of instrument definitions ({@value #RESOURCE}), applied to each file before it is read.
 *
 * <p>The validator is built on the first {@link #check}, not when the schema is loaded: building it loads the JSON
 * Schema library and the Jackson 3 it brings (about 800 classes, a few tenths of a second at start-up), and a
 * service without {@code PRO_INSTRUMENTS_DIR} never checks a file at run time (see {@link CatalogLoader}). The
 * schema text, which the catalog serves, needs none of it.
 */
public final class DefinitionSchema {

    public static final String RESOURCE = "instruments/instrument-definition.schema.json";

    private final String text;
    /** Built once, on the first check; volatile for the double-checked build in {@link #validator()}. */
    private volatile Schema schema;

    private DefinitionSchema(String text) {
        this.text = text;
    }

    private Schema validator() {
        Schema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER)
                            .build();
                    s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                            b -> b.schemaRegistryConfig(config)).getSchema(text, InputFormat.JSON);
                    schema = s;
                }
            }
        }
        return s;
    }

    public static DefinitionSchema load() {
        try (InputStream in = DefinitionSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new DefinitionSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema document as served. */
    public String text() {
        return text;
    }

    /** The problems of one definition document, with JSON pointers; empty when it fits. */
    public List<InvalidDefinitionException.Problem> check(String json) {
        List<Error> errors = validator().validate(json, InputFormat.JSON);
        return errors.stream().map(e -> new InvalidDefinitionException.Problem(
                e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString(), e.getMessage())).toList();
    }
}
