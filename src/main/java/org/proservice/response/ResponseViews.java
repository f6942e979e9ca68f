package org.proservice.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.proservice.instrument.ScoreView;
import org.proservice.response.ResponseDtos.ResponseView;
import org.proservice.scoring.ItemSchema;
import org.proservice.scoring.Score;
import org.proservice.scoring.Scorer;
import org.proservice.scoring.ScorerRegistry;

/**
 * Builds API views from stored rows, and score columns from a {@link Score}. A view depends only on the stored row
 * (maps in a fixed order), so a replayed submission returns the same body as the original one.
 */
@ApplicationScoped
public class ResponseViews {

    @Inject
    ScorerRegistry scorers;

    public ResponseView view(ResponseRecord r, UUID supersededById) {
        return new ResponseView(r.id, r.patientId, r.studyId, r.timepointKey, r.instrumentId, r.instrumentVersion,
                r.mode, answersInFormOrder(r), r.completedAt, r.receivedAt, r.timing, r.late(), r.submittedBy,
                ScoreView.of(score(r)), supersededById == null ? "current" : "superseded", r.supersedesId,
                supersededById, r.amendmentReason, null);
    }

    /** Copies a score into the score columns of a row. */
    public static void setScore(ResponseRecord r, Score s) {
        r.scoringVersion = s.scoringVersion();
        r.scorable = s.scorable();
        r.total = s.total();
        r.band = s.band();
        r.flags = s.flags().toArray(String[]::new);
        r.subscales = new TreeMap<>(s.subscales());
        Map<String, Object> detail = new TreeMap<>();
        detail.put("rawSum", s.rawSum());
        detail.put("itemsAnswered", s.itemsAnswered());
        detail.put("proratedUnrounded", s.proratedUnrounded());
        detail.put("endorsed", s.endorsed() == null ? null : new TreeMap<>(s.endorsed()));
        detail.put("interferenceItemsAnswered", s.interferenceItemsAnswered());
        detail.put("provisionalDiagnosis", s.provisionalDiagnosis());
        r.scoreDetail = detail;
    }

    /** The score as stored with the row. */
    public static Score score(ResponseRecord r) {
        Map<String, Object> d = r.scoreDetail == null ? Map.of() : r.scoreDetail;
        Map<String, Number> subscales = new TreeMap<>();
        if (r.subscales != null) {
            r.subscales.forEach((k, v) -> subscales.put(k, (Number) v));
        }
        Map<String, Integer> endorsed = null;
        if (d.get("endorsed") instanceof Map<?, ?> m) {
            endorsed = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                endorsed.put(String.valueOf(e.getKey()), toInteger(e.getValue()));
            }
        }
        return new Score(r.instrumentId, r.instrumentVersion, r.scoringVersion, r.scorable, r.total,
                toInteger(d.get("rawSum")), toInteger(d.get("itemsAnswered")), toDouble(d.get("proratedUnrounded")),
                subscales, endorsed, toInteger(d.get("interferenceItemsAnswered")), r.band,
                (String) d.get("provisionalDiagnosis"), r.flags == null ? List.of() : Arrays.asList(r.flags));
    }

    /** The answers as given, keyed in the instrument's form order (items not given are left out). */
    Map<String, Integer> answersInFormOrder(ResponseRecord r) {
        if (r.answers == null) {
            return null; // a history page asked without answers
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        Scorer scorer = scorers.find(r.instrumentId).orElse(null);
        if (scorer != null) {
            for (ItemSchema item : scorer.schema().items()) {
                if (r.answers.containsKey(item.id())) {
                    ordered.put(item.id(), toInteger(r.answers.get(item.id())));
                }
            }
        }
        new TreeMap<>(r.answers).forEach((k, v) -> ordered.putIfAbsent(k, toInteger(v)));
        return ordered;
    }

    /** Answers as stored: item id -> integer or null, only the items the client sent. */
    public static Map<String, Object> storedAnswers(Map<String, ?> given) {
        Map<String, Object> stored = new TreeMap<>();
        given.forEach((k, v) -> stored.put(k, v == null ? null : toInteger(v)));
        return stored;
    }

    static Integer toInteger(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigInteger b) {
            return b.intValueExact();
        }
        return ((Number) v).intValue();
    }

    static Double toDouble(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }
}
