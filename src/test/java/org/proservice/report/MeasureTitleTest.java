package org.proservice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proservice.instrument.InstrumentDefinition;
import org.proservice.scoring.ScoringRules.MeasureRule;
import org.proservice.support.BuiltInCatalog;

/** Figures and reports name a measure by the catalog's label; without one, by the instrument's total or its name. */
class MeasureTitleTest {

    @Test
    void theCatalogLabelsNameTheBpiMeasures() {
        InstrumentDefinition bpi = BuiltInCatalog.definition("bpi-sf");
        List<MeasureRule> measures = bpi.scoring().measures();
        assertEquals("Worst pain", SummaryFigure.measureTitle(bpi.name(), measures, "worst"));
        assertEquals("Pain severity", SummaryFigure.measureTitle(bpi.name(), measures, "severityComposite"));
        assertEquals("Pain interference", SummaryFigure.measureTitle(bpi.name(), measures, "interference"));
    }

    @Test
    void withoutALabelTheTotalIsTheInstrumentsTotalAndAnyOtherMeasureItsName() {
        MeasureRule unlabelled = new MeasureRule("Sleep", BigDecimal.ZERO, BigDecimal.TEN, true, true, List.of(),
                null, null);
        MeasureRule total = new MeasureRule("total", BigDecimal.ZERO, BigDecimal.TEN, true, true, List.of(), null,
                null);
        assertEquals("PHQ-9 total", SummaryFigure.measureTitle("PHQ-9", List.of(total), "total"));
        assertEquals("sleep", SummaryFigure.measureTitle("PHQ-9", List.of(unlabelled), "Sleep"));
        assertEquals("PHQ-9 total", SummaryFigure.measureTitle("PHQ-9", List.of(), "total"));
    }
}
