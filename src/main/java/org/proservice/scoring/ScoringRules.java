package org.proservice.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The scoring rules of one instrument as data (the {@code scoring} object of an instrument definition, beyond its
 * version, bands and summary). Read by {@link DataScorer}, {@link ChangeRules}, the alert rules and the study
 * summary. The format is described by {@code instruments/instrument-definition.schema.json}.
 *
 * @param total          the headline score: a sum (optionally prorated and transformed) or a mean of items
 * @param subscales      further measures: sums or means of item lists
 * @param bandMeasure    the measure the bands apply to ({@code total} when absent)
 * @param flags          item-threshold, item-missing and measure-threshold flags
 * @param algorithm      a named algorithm kind implemented in Java (for rules data cannot express)
 * @param measures       the measures change, series and summary work on, with their range and change rules
 * @param summaryMeasure the measure the study summary uses when none is asked for
 * @param alerts         which flags raise a safety alert, and with which rule code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ScoringRules", requiredProperties = { "measures" })
public record ScoringRules(TotalRule total, List<SubscaleRule> subscales, String bandMeasure, List<FlagRule> flags,
        Algorithm algorithm, List<MeasureRule> measures, String summaryMeasure, List<AlertRule> alerts) {

    public ScoringRules {
        subscales = subscales == null ? List.of() : List.copyOf(subscales);
        flags = flags == null ? List.of() : List.copyOf(flags);
        measures = measures == null ? List.of() : List.copyOf(measures);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    public String bandMeasureOrDefault() {
        return bandMeasure == null ? TotalRule.DEFAULT_NAME : bandMeasure;
    }

    public Optional<MeasureRule> measure(String name) {
        return measures.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The measures shown in a score series (and offered by the study summary). */
    public List<MeasureRule> seriesMeasures() {
        return measures.stream().filter(MeasureRule::series).toList();
    }

    /** The names of {@link #seriesMeasures()}, in catalog order: the measures of a score series and a wide export. */
    public List<String> seriesMeasureNames() {
        return seriesMeasures().stream().map(MeasureRule::name).toList();
    }

    /** Sum or mean of items giving the headline score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TotalRule", requiredProperties = { "method" }, description = "Properties that do not apply are left out")
    public record TotalRule(String name, String method, List<String> items, Integer minAnswered, String rounding,
            String proratedFlag, String insufficientFlag, Transform transform) {
        public static final String DEFAULT_NAME = "total";

        public String nameOrDefault() {
            return name == null ? DEFAULT_NAME : name;
        }
    }

    /** {@code value * multiply + add}, applied to the (prorated) sum. */
    @Schema(name = "Transform")
    public record Transform(int multiply, int add) {
    }

    /** A further measure: the sum or mean of a list of items. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubscaleRule", requiredProperties = { "name", "method", "items" }, description = "Properties that do not apply are left out")
    public record SubscaleRule(String name, String method, List<String> items, Integer minAnswered,
            String incompleteFlag, String partialFlag) {
    }

    /** A flag raised when an item is at least a value or unanswered, or when a measure is at least a value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FlagRule", requiredProperties = { "code" }, description = "Properties that do not apply are left out")
    public record FlagRule(String code, String item, String measure, BigDecimal atLeast, Boolean whenMissing) {
    }

    /** A Java algorithm kind, by name, with its parameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ScoringAlgorithm", requiredProperties = { "kind" })
    public record Algorithm(String kind, Map<String, Object> parameters) {
        public Algorithm {
            parameters = parameters == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        }
    }

    /**
     * A measure of a score: its range, whether it is a whole number, whether the score series shows it, its change
     * rules and the change rule the study summary counts responders by.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "MeasureRule", requiredProperties = { "name", "integer", "series", "changeRules" }, description = "Properties that do not apply are left out")
    public record MeasureRule(String name, BigDecimal min, BigDecimal max, boolean integer, boolean series,
            List<ChangeRule> changeRules, String responderRule,
            @Schema(description = "How reports and figures name the measure; when left out, the instrument's name "
                    + "and \"total\" for the total, else the measure's name") String label) {
        public MeasureRule {
            changeRules = changeRules == null ? List.of() : List.copyOf(changeRules);
        }

        public Optional<ChangeRule> changeRule(String code) {
            return changeRules.stream().filter(r -> r.code().equals(code)).findFirst();
        }
    }

    /**
     * A change rule: {@code reduction_at_least} (baseline - follow-up >= value), {@code percent_reduction_at_least}
     * (100 x reduction / baseline >= value; false when the baseline is 0) or {@code follow_up_below} (follow-up <
     * value).
     */
    @Schema(name = "ChangeRule")
    public record ChangeRule(String code, String type, BigDecimal value) {
        public static final String REDUCTION_AT_LEAST = "reduction_at_least";
        public static final String PERCENT_REDUCTION_AT_LEAST = "percent_reduction_at_least";
        public static final String FOLLOW_UP_BELOW = "follow_up_below";
    }

    /** A flag that raises a safety alert with the given rule code. */
    @Schema(name = "AlertRule")
    public record AlertRule(String flag, String rule) {
    }
}
