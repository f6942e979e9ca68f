package org.proservice.scoring;

/** The catalog's pcl5 scorer (test handle). */
final class Pcl5Scorer extends CatalogScorer {

    static final String INSTRUMENT_ID = "pcl5";
    static final String INDETERMINATE = "indeterminate";

    Pcl5Scorer() {
        super(INSTRUMENT_ID);
    }
}
