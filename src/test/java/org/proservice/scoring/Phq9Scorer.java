package org.proservice.scoring;

/** The catalog's phq9 scorer (test handle). */
final class Phq9Scorer extends CatalogScorer {

    static final String INSTRUMENT_ID = "phq9";

    Phq9Scorer() {
        super(INSTRUMENT_ID);
    }
}
