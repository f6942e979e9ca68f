package org.proservice.scoring;

import java.util.List;
import java.util.Map;
import org.proservice.support.BuiltInCatalog;

/**
 * Test handle on the scorer the catalog builds for one instrument, so that the scoring tests written before the
 * catalog drove scoring ({@code new Phq9Scorer()}) run unchanged against the data-driven scorer.
 */
abstract class CatalogScorer implements Scorer {

    private final Scorer delegate;

    CatalogScorer(String instrumentId) {
        this.delegate = BuiltInCatalog.scorer(instrumentId);
    }

    @Override
    public AnswerSchema schema() {
        return delegate.schema();
    }

    @Override
    public String scoringVersion() {
        return delegate.scoringVersion();
    }

    @Override
    public List<Band> bands() {
        return delegate.bands();
    }

    @Override
    public ScoringRules rules() {
        return delegate.rules();
    }

    @Override
    public Score score(Map<String, Integer> answers) {
        return delegate.score(answers);
    }
}
