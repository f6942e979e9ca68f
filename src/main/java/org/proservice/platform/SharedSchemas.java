package org.proservice.platform;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Named schemas that several records share but that no Java type describes exactly. A record field refers to
 * one with {@code @Schema(ref = SharedSchemas.ANSWERS)}.
 */
public final class SharedSchemas {

    /** Item id -> integer code or null (unanswered): the one shape of answers in requests and responses. */
    public static final String ANSWERS = "Answers";

    /** Subscale name -> value or null (a subscale with an unanswered item): Score.subscales. */
    public static final String SUBSCALES = "Subscales";
    public static final String MEASURES = "Measures";

    private SharedSchemas() {
    }

    static void add(Components components) {
        components.addSchema(ANSWERS, OASFactory.createSchema()
                .type(List.of(SchemaType.OBJECT))
                .description("Answers by item id (e.g. phq9_q1): the integer code of the chosen option, or null "
                        + "for an item left unanswered (an absent item is unanswered too). The instrument's "
                        + "definition (GET /api/v1/instruments/{id}) lists the item ids and their codes.")
                .additionalPropertiesSchema(OASFactory.createSchema()
                        .type(List.of(SchemaType.INTEGER, SchemaType.NULL)).format("int32"))
                .examples(List.of(new java.util.TreeMap<>(Map.of("phq9_q1", 2, "phq9_q2", 1, "phq9_q3", 0)))));
        components.addSchema(SUBSCALES, OASFactory.createSchema()
                .type(List.of(SchemaType.OBJECT))
                .description("Subscale or composite by name; null when it cannot be computed (e.g. a PCL-5 cluster "
                        + "with an unanswered item)")
                .additionalPropertiesSchema(OASFactory.createSchema()
                        .type(List.of(SchemaType.NUMBER, SchemaType.NULL))));
        components.addSchema(MEASURES, OASFactory.createSchema()
                .type(List.of(SchemaType.OBJECT))
                .description("Named measures of a score (the instrument definition's scoring.measures: total, "
                        + "subscales, composites); null when a measure cannot be computed")
                .additionalPropertiesSchema(OASFactory.createSchema()
                        .type(List.of(SchemaType.NUMBER, SchemaType.NULL))));
    }
}
