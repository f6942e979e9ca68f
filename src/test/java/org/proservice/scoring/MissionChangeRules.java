package org.proservice.scoring;

import java.util.List;
import org.proservice.support.BuiltInCatalog;

/** The catalog's change rules with the rule codes of the mission instruments, as the change tests name them. */
final class MissionChangeRules {

    static final String RESPONSE_GE_50PCT_REDUCTION = "response_ge_50pct_reduction";
    static final String REMISSION_LT_5 = "remission_lt_5";
    static final String MCID_GE_5_POINT_REDUCTION = "mcid_ge_5_point_reduction";
    static final String NHS_RELIABLE_IMPROVEMENT_GE_6 = "nhs_reliable_improvement_ge_6";
    static final String MCID_GE_4_POINT_REDUCTION = "mcid_ge_4_point_reduction";
    static final String NHS_RELIABLE_IMPROVEMENT_GE_4 = "nhs_reliable_improvement_ge_4";
    static final String NCPTSD_RESPONSE_GE_5 = "ncptsd_response_ge_5";
    static final String NCPTSD_CLINICALLY_MEANINGFUL_GE_10 = "ncptsd_clinically_meaningful_ge_10";
    static final String IMMPACT_MINIMAL_GE_10PCT = "immpact_minimal_ge_10pct";
    static final String IMMPACT_MODERATE_GE_30PCT = "immpact_moderate_ge_30pct";
    static final String IMMPACT_SUBSTANTIAL_GE_50PCT = "immpact_substantial_ge_50pct";
    static final String FARRAR_GE_2_POINTS = "farrar_ge_2_points";
    static final String IMMPACT_BPI_INTERFERENCE_GE_1_POINT = "immpact_bpi_interference_ge_1_point";

    private static final ChangeRules RULES = BuiltInCatalog.changeRules();

    private MissionChangeRules() {
    }

    static ChangeAssessment assess(String instrumentId, Number baseline, Number followUp) {
        return RULES.assess(instrumentId, baseline, followUp);
    }

    static ChangeAssessment assess(String instrumentId, ChangeMeasure measure, Number baseline, Number followUp) {
        return RULES.assess(instrumentId, measure == null ? null : measure.code(), baseline, followUp);
    }

    static List<String> thresholdNames(String instrumentId, ChangeMeasure measure) {
        return RULES.thresholdNames(instrumentId, measure.code());
    }
}
