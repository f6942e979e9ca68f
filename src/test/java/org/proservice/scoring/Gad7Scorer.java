package org.proservice.scoring;

/** The catalog's gad7 scorer (test handle). */
final class Gad7Scorer extends CatalogScorer {

    static final String INSTRUMENT_ID = "gad7";

    Gad7Scorer() {
        super(INSTRUMENT_ID);
    }
}
