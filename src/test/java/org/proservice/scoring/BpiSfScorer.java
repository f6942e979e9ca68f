package org.proservice.scoring;

/** The catalog's bpi-sf scorer (test handle). */
final class BpiSfScorer extends CatalogScorer {

    static final String INSTRUMENT_ID = "bpi-sf";
    static final String WORST = "bpi_q3_worst";
    static final java.util.List<String> INTERFERENCE_ITEMS = java.util.List.of("bpi_q9a_general_activity",
            "bpi_q9b_mood", "bpi_q9c_walking_ability", "bpi_q9d_normal_work", "bpi_q9e_relations", "bpi_q9f_sleep",
            "bpi_q9g_enjoyment_of_life");

    BpiSfScorer() {
        super(INSTRUMENT_ID);
    }
}
