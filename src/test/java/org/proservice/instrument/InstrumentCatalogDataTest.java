package org.proservice.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.proservice.support.BuiltInCatalog;

/** The catalog data files and the start-up checks of definitions, without booting Quarkus. */
class InstrumentCatalogDataTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ObjectNode phq9() throws Exception {
        return (ObjectNode) MAPPER.readTree(InstrumentCatalogDataTest.class.getClassLoader()
                .getResourceAsStream("instruments/phq9-1.0.json"));
    }

    /** The PHQ-9 definition with one change, parsed as a deployment's file would be; returns the refusal. */
    static InvalidDefinitionException refusal(Consumer<ObjectNode> change) throws Exception {
        ObjectNode d = phq9();
        change.accept(d);
        return assertThrows(InvalidDefinitionException.class,
                () -> new CatalogLoader(MAPPER).parse("broken.json", MAPPER.writeValueAsString(d)));
    }

    static void assertProblem(InvalidDefinitionException e, String pointer, String text) {
        assertTrue(e.getMessage().startsWith("Instrument definition broken.json is invalid: "), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.pointer().equals(pointer) && p.message().contains(text)),
                e.problems().toString());
    }

    @Test
    void everyShippedDefinitionLoadsWithItsLicenceAndNotes() {
        assertFalse(BuiltInCatalog.entries().isEmpty());
        for (CatalogLoader.Entry e : BuiltInCatalog.entries()) {
            InstrumentDefinition d = e.definition();
            assertEquals("classpath:instruments/" + d.id() + "-" + d.version() + ".json", e.source(),
                    "file named by id and version");
            assertEquals(d.id(), e.scorer().instrumentId());
            assertFalse(d.copyright().isBlank());
            assertFalse(d.licence().isBlank());
            assertFalse(d.scoringNotes().isEmpty());
            assertTrue(d.scoringNotes().stream().allMatch(n -> !n.text().isBlank() && !n.basis().isBlank()));
            assertTrue(d.items().stream().allMatch(i -> !i.text().isBlank() && i.type().equals("choice")));
        }
    }

    @Test
    void theIndexListsEveryDefinitionFileOfTheClassPathCatalog() {
        File dir = new File("src/main/resources/instruments");
        TreeSet<String> files = new TreeSet<>(Arrays.stream(dir.list()).filter(f -> f.endsWith(".json")
                && !f.equals("index.json") && !f.endsWith(".schema.json")).toList());
        TreeSet<String> listed = new TreeSet<>(BuiltInCatalog.entries().stream()
                .map(e -> e.source().substring("classpath:instruments/".length())).toList());
        assertEquals(files, listed);
    }

    /** The service skips the JSON Schema pass for its class-path definitions at start-up (CatalogLoader): here it is. */
    @Test
    void everyClassPathDefinitionFitsTheSchemaAndTheStartUpLoaderReadsTheSame() throws Exception {
        DefinitionSchema schema = DefinitionSchema.load();
        for (CatalogLoader.Entry e : BuiltInCatalog.entries()) {
            String resource = e.source().substring("classpath:".length());
            try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertEquals(java.util.List.of(), schema.check(new String(in.readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)), resource);
            }
        }
        assertEquals(BuiltInCatalog.entries().stream().map(CatalogLoader.Entry::definition).toList(),
                new CatalogLoader(MAPPER, false).load(java.util.Optional.empty()).stream()
                        .map(CatalogLoader.Entry::definition).toList());
    }

    @Test
    void theStartUpLoaderStillChecksDirectoryFilesAgainstTheSchema() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("catalog");
        ObjectNode d = phq9();
        d.put("id", "phq9-local");
        d.remove("licence");
        java.nio.file.Files.writeString(dir.resolve("phq9-local.json"), MAPPER.writeValueAsString(d));
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> new CatalogLoader(MAPPER, false).load(java.util.Optional.of(dir)));
        assertTrue(e.getMessage().contains("phq9-local.json"), e.getMessage());
        assertProblemAt(e, "", "licence");
    }

    @Test
    void aDefinitionOutsideTheSchemaIsRefusedWithItsPointer() throws Exception {
        assertProblem(refusal(d -> d.remove("licence")), "", "licence");
        assertProblem(refusal(d -> ((ObjectNode) d.get("items").get(0)).put("scored", "yes")), "/items/0/scored",
                "boolean");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring")).put("unexpected", 1)), "/scoring", "unexpected");
    }

    @Test
    void aRuleNamingAnUnknownItemIsRefused() throws Exception {
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("flags").get(0)).put("item", "phq9_q10")),
                "/scoring/flags/0/item", "unknown item phq9_q10");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("total")).putArray("items").add("nope")),
                "/scoring/total/items/0", "unknown item nope");
    }

    @Test
    void overlappingBandsAndBandGapsAreRefused() throws Exception {
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("bands").get(1)).put("min", 4)),
                "/scoring/bands/1/min", "overlaps");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("bands").get(1)).put("min", 6)),
                "/scoring/bands/1/min", "gap");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("bands").get(4)).put("max", 26)),
                "/scoring/bands/4/max", "maximum 27");
    }

    @Test
    void measuresNeedARangeAndKnownRules() throws Exception {
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("measures").get(0)).remove("max")),
                "/scoring/measures/0", "max");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("measures").get(0)).put("name", "severity")),
                "/scoring/measures/0/name", "unknown measure severity");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("measures").get(0))
                .put("responderRule", "nothing_like_it")), "/scoring/measures/0/responderRule", "change rules");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring").get("alerts").get(0)).put("flag", "nope")),
                "/scoring/alerts/0/flag", "flag nope");
        assertProblem(refusal(d -> ((ObjectNode) d.get("scoring")).putObject("algorithm").put("kind", "magic")),
                "/scoring/algorithm/kind", "unknown algorithm kind magic");
    }

    @Test
    void aSecondDefinitionOfAnIdIsRefused() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("catalog");
        java.nio.file.Files.writeString(dir.resolve("phq9-copy.json"), MAPPER.writeValueAsString(phq9()));
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> new CatalogLoader(MAPPER).load(java.util.Optional.of(dir)));
        assertTrue(e.getMessage().contains("phq9-copy.json") && e.getMessage().contains("/id: instrument phq9 is "
                + "already defined by classpath:instruments/phq9-1.0.json"), e.getMessage());
    }

    @Test
    void aLanguagePackMustCoverEveryItemOfAKnownInstrument() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("packs");
        java.nio.file.Files.writeString(dir.resolve("gad7-xx.lang.json"), """
                {"instrument": "gad7", "language": "fr", "source": "test", "items": {"gad7_q1": "un"}}""");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> new CatalogLoader(MAPPER).load(java.util.Optional.of(dir)));
        assertTrue(e.getMessage().contains("gad7-xx.lang.json"), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.pointer().equals("/items")
                && p.message().equals("has no text for item gad7_q2")), e.problems().toString());

        java.nio.file.Files.writeString(dir.resolve("gad7-xx.lang.json"), """
                {"instrument": "nope", "language": "fr", "source": "test", "items": {}}""");
        e = assertThrows(InvalidDefinitionException.class,
                () -> new CatalogLoader(MAPPER).load(java.util.Optional.of(dir)));
        assertProblemAt(e, "/instrument", "unknown instrument nope");
    }

    static void assertProblemAt(InvalidDefinitionException e, String pointer, String text) {
        assertTrue(e.problems().stream().anyMatch(p -> p.pointer().equals(pointer) && p.message().contains(text)),
                e.problems().toString());
    }

    @Test
    void licensedContentMustCoverEveryItemAndNoOther() throws Exception {
        InstrumentDefinition neutral = BuiltInCatalog.definition("bpi-sf");
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        neutral.items().forEach(i -> texts.put(i.id(), "licensed " + i.id()));
        InstrumentDefinition licensed = new LicensedContent("bpi-sf", "stem", null, texts, null).applyTo(neutral);
        assertEquals("licensed", licensed.wording());
        assertEquals("licensed bpi_q3_worst", licensed.items().get(1).text());
        assertEquals(neutral.items().get(1).options(), licensed.items().get(1).options());

        Map<String, String> missing = new java.util.LinkedHashMap<>(texts);
        missing.remove("bpi_q9g_enjoyment_of_life");
        assertThrows(IllegalStateException.class,
                () -> new LicensedContent("bpi-sf", "stem", null, missing, null).applyTo(neutral));
        Map<String, String> extra = new java.util.LinkedHashMap<>(texts);
        extra.put("bpi_q2_body_diagram", "x");
        assertThrows(IllegalStateException.class,
                () -> new LicensedContent("bpi-sf", "stem", null, extra, null).applyTo(neutral));
        assertThrows(IllegalStateException.class, () -> new LicensedContent("bpi-sf", "stem", null, texts,
                Map.of("bpi_q99", Map.of("0", "x"))).applyTo(neutral));
    }

    @Test
    void unreadableLicensedContentStopsTheServiceWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LicensedContent.load(new ObjectMapper(), "bpi-sf", "/nonexistent/bpi.json"));
        assertTrue(e.getMessage().contains("pro.instruments.bpi-sf.licensed-content"));
    }
}
