package org.proservice.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proservice.scoring.Scorer;
import org.proservice.scoring.ScorerRegistry;

/** The catalog data files, checked without booting Quarkus. */
class InstrumentCatalogDataTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final ScorerRegistry SCORERS = new ScorerRegistry();

    static InstrumentDefinition load(String resource) throws Exception {
        try (InputStream in = InstrumentCatalogDataTest.class.getClassLoader().getResourceAsStream(resource)) {
            return MAPPER.readValue(in, InstrumentDefinition.class);
        }
    }

    @Test
    void everyCatalogEntryAgreesWithItsScorer() throws Exception {
        for (String resource : InstrumentCatalog.RESOURCES) {
            InstrumentDefinition d = load(resource);
            assertEquals("instruments/" + d.id() + "-" + d.version() + ".json", resource, "file named by id and version");
            Scorer scorer = SCORERS.find(d.id()).orElseThrow();
            InstrumentCatalog.checkAgainstScorer(d, scorer);
            assertFalse(d.copyright().isBlank());
            assertFalse(d.licence().isBlank());
            assertFalse(d.scoringNotes().isEmpty());
            assertTrue(d.scoringNotes().stream().allMatch(n -> n.basis().equals("project_convention")
                    && !n.text().isBlank() && !n.specSection().isBlank()));
            assertTrue(d.items().stream().allMatch(i -> !i.text().isBlank() && i.type().equals("choice")));
        }
    }

    @Test
    void mismatchWithTheScorerIsRefused() throws Exception {
        InstrumentDefinition d = load("instruments/phq9-1.0.json");
        List<InstrumentDefinition.Item> items = new ArrayList<>(d.items());
        InstrumentDefinition.Item first = items.get(0);
        items.set(0, first.withText(first.text(), first.options().subList(0, 3)));
        InstrumentDefinition broken = d.withWording(d.wording(), d.stem(), d.instructions(), items);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InstrumentCatalog.checkAgainstScorer(broken, SCORERS.find("phq9").orElseThrow()));
        assertTrue(e.getMessage().contains("phq9_q1 options"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> InstrumentCatalog.checkAgainstScorer(d, SCORERS.find("gad7").orElseThrow()));
    }

    @Test
    void licensedContentMustCoverEveryItemAndNoOther() throws Exception {
        InstrumentDefinition neutral = load("instruments/bpi-sf-1.0.json");
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        neutral.items().forEach(i -> texts.put(i.id(), "licensed " + i.id()));
        InstrumentDefinition licensed = new BpiLicensedContent("stem", null, texts, null).applyTo(neutral);
        assertEquals("licensed", licensed.wording());
        assertEquals("licensed bpi_q3_worst", licensed.items().get(1).text());
        assertEquals(neutral.items().get(1).options(), licensed.items().get(1).options());

        Map<String, String> missing = new java.util.LinkedHashMap<>(texts);
        missing.remove("bpi_q9g_enjoyment_of_life");
        assertThrows(IllegalStateException.class,
                () -> new BpiLicensedContent("stem", null, missing, null).applyTo(neutral));
        Map<String, String> extra = new java.util.LinkedHashMap<>(texts);
        extra.put("bpi_q2_body_diagram", "x");
        assertThrows(IllegalStateException.class,
                () -> new BpiLicensedContent("stem", null, extra, null).applyTo(neutral));
        assertThrows(IllegalStateException.class, () -> new BpiLicensedContent("stem", null, texts,
                Map.of("bpi_q99", Map.of("0", "x"))).applyTo(neutral));
    }

    @Test
    void unreadableLicensedContentStopsTheServiceWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BpiLicensedContent.load(new ObjectMapper(), "/nonexistent/bpi.json"));
        assertTrue(e.getMessage().contains("pro.instruments.bpi-sf.licensed-content"));
    }
}
