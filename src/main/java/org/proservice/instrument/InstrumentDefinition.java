package org.proservice.instrument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.proservice.scoring.ScoringRules;

/**
 * One version of an instrument as the catalog serves it, and the format of a definition file: loaded from the
 * class path ({@code instruments/index.json}) and from {@code PRO_INSTRUMENTS_DIR}, checked against
 * {@code instruments/instrument-definition.schema.json} and the rules of {@link DefinitionChecks} at start-up.
 */
@Schema(name = "Instrument", description = "A questionnaire version: items, options, codes, licence and scoring notes")
public record InstrumentDefinition(
        @Schema(example = "phq9", description = "Instrument id used in every API path and score") String id,
        @Schema(example = "1.0", description = "Version of this instrument definition") String version,
        @Schema(example = "PHQ-9") String name,
        @Schema(example = "Patient Health Questionnaire-9 (PHQ-9)") String title,
        @Schema(example = "published", enumeration = { "published", "neutral", "licensed" },
                description = "Which wording the items carry: `published` (wording free to reproduce, as given in "
                        + "the instrument specification), `neutral` (BPI-SF: short labels of this service's own) or "
                        + "`licensed` (BPI-SF: licensed wording configured by the deployment)") String wording,
        @Schema(example = "en") String language,
        RecallPeriod recallPeriod,
        @Schema(example = "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
                description = "The question stem shown above the items") String stem,
        @Schema(nullable = true, description = "Instructions shown before the stem, when the form has them") String instructions,
        @Schema(nullable = true, description = "LOINC codes of the panel and scores, where assigned") LoincCodes loinc,
        @Schema(description = "Copyright or attribution line; keep it on any rendered form") String copyright,
        @Schema(description = "Licence terms") String licence,
        Scoring scoring,
        @Schema(description = "Every rule of the specification that is a project convention rather than a "
                + "published rule") List<ScoringNote> scoringNotes,
        List<Item> items,
        @Schema(hidden = true) @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        Map<String, Translation> translations) {

    public InstrumentDefinition {
        scoringNotes = scoringNotes == null ? List.of() : List.copyOf(scoringNotes);
        items = items == null ? List.of() : List.copyOf(items);
        translations = translations == null ? Map.of() : Map.copyOf(translations);
    }

    /** The same definition with other wording (licensed content). */
    InstrumentDefinition withWording(String wording, String stem, String instructions, List<Item> items) {
        return new InstrumentDefinition(id, version, name, title, wording, language, recallPeriod, stem, instructions,
                loinc, copyright, licence, scoring, scoringNotes, items, translations);
    }

    /**
     * A stand-in for an instrument that is no longer in the catalog (its definition file was removed after
     * responses were stored): just the item ids, so stored answers can still be exported as integers.
     */
    public static InstrumentDefinition bare(String id, String version, java.util.Collection<String> itemIds) {
        List<Item> items = itemIds.stream().sorted().map(i -> new Item(i, null, null, "choice", false, null, null,
                List.of())).toList();
        return new InstrumentDefinition(id, version, id, id, null, null, null, null, null, null, null, null, null,
                List.of(), items, Map.of());
    }

    /** The same definition with more translations. */
    InstrumentDefinition withTranslations(Map<String, Translation> more) {
        Map<String, Translation> all = new java.util.LinkedHashMap<>(translations);
        all.putAll(more);
        return new InstrumentDefinition(id, version, name, title, wording, language, recallPeriod, stem, instructions,
                loinc, copyright, licence, scoring, scoringNotes, items, all);
    }

    /** The definition in another language: its texts replaced, codes and rules unchanged. */
    InstrumentDefinition in(String tag, Translation t) {
        List<Item> translated = items.stream().map(i -> {
            Map<String, String> labels = t.optionLabels() == null ? Map.of()
                    : t.optionLabels().getOrDefault(i.id(), Map.of());
            List<Option> options = i.options().stream().map(o -> new Option(o.value(),
                    labels.getOrDefault(Integer.toString(o.value()), o.label()), o.loinc())).toList();
            return i.withText(t.items().get(i.id()), options);
        }).toList();
        RecallPeriod recall = t.recallPeriodText() == null || recallPeriod == null ? recallPeriod
                : new RecallPeriod(recallPeriod.duration(), t.recallPeriodText());
        return new InstrumentDefinition(id, version, name, title, wording, tag, recall,
                t.stem() == null ? stem : t.stem(), t.instructions() == null ? instructions : t.instructions(), loinc,
                copyright, licence, scoring, scoringNotes, translated, Map.of());
    }

    /** Texts of one language: every item's text, optionally stem, instructions, recall text and option labels. */
    @Schema(hidden = true)
    public record Translation(String stem, String instructions, String recallPeriodText, Map<String, String> items,
            Map<String, Map<String, String>> optionLabels) {
    }

    @Schema(name = "RecallPeriod")
    public record RecallPeriod(
            @Schema(example = "P2W", description = "ISO 8601 duration") String duration,
            @Schema(example = "Last 2 weeks") String text) {
    }

    @Schema(name = "LoincCodes", description = "LOINC codes where the specification gives them")
    public record LoincCodes(
            @Schema(nullable = true) LoincCode panel,
            @Schema(nullable = true) LoincCode total,
            @Schema(description = "Codes of other scores (BPI-SF interference)") List<LoincScoreCode> scores) {

        public LoincCodes {
            scores = scores == null ? List.of() : List.copyOf(scores);
        }
    }

    @Schema(name = "LoincCode")
    public record LoincCode(@Schema(example = "44249-1") String code,
            @Schema(example = "PHQ-9 quick depression assessment panel [Reported.PHQ]") String display) {
    }

    @Schema(name = "LoincScoreCode")
    public record LoincScoreCode(@Schema(example = "interference") String score,
            @Schema(example = "77565-0") String code,
            @Schema(example = "Pain interference score [BPI Short Form]") String display) {
    }

    @Schema(name = "InstrumentScoring", description = "How the instrument is scored")
    public record Scoring(
            @Schema(example = "phq9-scoring-1.0") String scoringVersion,
            @Schema(nullable = true, example = "0") Integer totalMin,
            @Schema(nullable = true, example = "27") Integer totalMax,
            String summary,
            @Schema(description = "Closed integer intervals of the band measure (`bandMeasure`, default total)")
            List<BandInfo> bands,
            @Schema(nullable = true, description = "The headline score: sum (prorated, rounded half-up, optionally "
                    + "transformed) or mean of items") ScoringRules.TotalRule total,
            @Schema(description = "Further measures: sums or means of item lists")
            List<ScoringRules.SubscaleRule> subscales,
            @Schema(nullable = true, description = "Measure the bands apply to; total when absent") String bandMeasure,
            @Schema(description = "Item-threshold, item-missing and measure-threshold flags")
            List<ScoringRules.FlagRule> flags,
            @Schema(nullable = true, description = "A named algorithm kind implemented in the service")
            ScoringRules.Algorithm algorithm,
            @Schema(description = "Measures with their range, change rules and responder rule")
            List<ScoringRules.MeasureRule> measures,
            @Schema(nullable = true, description = "Measure the study summary uses by default") String summaryMeasure,
            @Schema(description = "Flags that raise a safety alert, with the alert rule code")
            List<ScoringRules.AlertRule> alerts) {

        public Scoring {
            bands = bands == null ? List.of() : List.copyOf(bands);
            subscales = subscales == null ? List.of() : List.copyOf(subscales);
            flags = flags == null ? List.of() : List.copyOf(flags);
            measures = measures == null ? List.of() : List.copyOf(measures);
            alerts = alerts == null ? List.of() : List.copyOf(alerts);
        }

        /** The rules as the scoring engine reads them. */
        public ScoringRules rules() {
            return new ScoringRules(total, subscales, bandMeasure, flags, algorithm, measures, summaryMeasure, alerts);
        }
    }

    @Schema(name = "Band")
    public record BandInfo(@Schema(example = "moderate") String code, @Schema(example = "Moderate") String label,
            @Schema(example = "10") int min, @Schema(example = "14") int max) {
    }

    @Schema(name = "ScoringNote", description = "A scoring rule adopted by the project (needs clinical sign-off)")
    public record ScoringNote(
            @Schema(example = "round_half_up") String rule,
            @Schema(example = "A prorated total is rounded half-up, floor(x + 0.5): 4.5 becomes 5.") String text,
            @Schema(example = "project_convention") String basis,
            @Schema(nullable = true, example = "0.4", description = "Section of the instrument specification, where one applies") String specSection) {
    }

    @Schema(name = "InstrumentItem")
    public record Item(
            @Schema(example = "phq9_q1", description = "Item id: key of the answer and FHIR linkId") String id,
            @Schema(example = "1", description = "Item number on the form") String number,
            @Schema(example = "Little interest or pleasure in doing things") String text,
            @Schema(example = "choice", description = "Single choice of one integer code") String type,
            @Schema(description = "false for items that are stored but never enter a score") boolean scored,
            @Schema(nullable = true, example = "B", description = "PCL-5 DSM-5 cluster") String cluster,
            @Schema(nullable = true, example = "44250-9", description = "Item LOINC code where known") String loinc,
            List<Option> options) {

        public Item {
            options = options == null ? List.of() : List.copyOf(options);
        }

        Item withText(String newText, List<Option> newOptions) {
            return new Item(id, number, newText, type, scored, cluster, loinc, newOptions);
        }
    }

    @Schema(name = "InstrumentOption")
    public record Option(
            @Schema(example = "0", description = "The integer code to submit") int value,
            @Schema(example = "Not at all") String label,
            @Schema(nullable = true, example = "LA6568-5", description = "LOINC answer code where known") String loinc) {
    }
}
