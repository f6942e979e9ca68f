package org.proservice.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jfree.chart.JFreeChart;
import org.proservice.instrument.InstrumentCatalog;
import org.proservice.response.ResponseDtos.StudySummary;
import org.proservice.response.StudySummaryService;
import org.proservice.scoring.ScoringRules;
import org.proservice.study.Study;
import org.proservice.study.StudyArm;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.StudyRepository;

/**
 * The per-arm figure of a study. Access, validation of instrument and measure, the statistics and the audit row
 * are {@link StudySummaryService}'s; this class only draws what it returns.
 */
@ApplicationScoped
public class StudyFigureService {

    @Inject
    StudySummaryService summaries;
    @Inject
    StudyRepository studies;
    @Inject
    StudyArmRepository arms;
    @Inject
    InstrumentCatalog catalog;

    /** The figure as SVG text or PNG bytes, by media type. */
    @Transactional
    public byte[] figure(UUID studyId, String instrumentId, String measure, String mediaType) {
        StudySummary summary = summaries.summary(studyId, instrumentId, measure);
        Study study = studies.findById(studyId);
        Map<String, String> armLabels = new LinkedHashMap<>();
        for (StudyArm arm : arms.listByStudy(studyId)) {
            armLabels.put(arm.code, arm.label);
        }
        var definition = catalog.find(instrumentId).map(t -> t.body());
        String title = definition.map(d -> d.name()).orElse(instrumentId);
        List<ScoringRules.MeasureRule> measures = definition.map(d -> d.scoring().measures()).orElse(List.of());
        JFreeChart chart = SummaryFigure.build(study.name, title, measures, summary, armLabels);
        if (Rendition.PNG.equals(mediaType)) {
            return ChartImages.png(chart, SummaryFigure.WIDTH, SummaryFigure.HEIGHT, 2);
        }
        return ChartImages.svg(chart, SummaryFigure.WIDTH, SummaryFigure.HEIGHT).getBytes(StandardCharsets.UTF_8);
    }
}
