package org.proservice.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * PCL-5, past-month version (SPEC section 3).
 * <ul>
 * <li>Total = sum of the 20 items (0-80), only when all 20 are answered; otherwise total and band are null and
 * flag {@code missing_items} is raised. No prorating [PC].</li>
 * <li>Cluster sums B (1-5), C (6-7), D (8-14), E (15-20), each only when every item of the cluster is answered.</li>
 * <li>{@code endorsed}: answered items rated 2 ("Moderately") or higher, per cluster.</li>
 * <li>Provisional diagnosis [PC]: {@code met} when B>=1, C>=1, D>=2, E>=2 endorsed among answered items;
 * {@code not_met} when some cluster cannot reach its requirement even if all its unanswered items were endorsed;
 * {@code indeterminate} otherwise.</li>
 * <li>Band [PC]: {@code below_31} 0-30, {@code 31_to_32} 31-32, {@code 33_or_above} 33-80.</li>
 * </ul>
 */
public final class Pcl5Scorer implements Scorer {

    public static final String INSTRUMENT_ID = "pcl5";
    public static final String INSTRUMENT_VERSION = "1.0";
    public static final String SCORING_VERSION = "pcl5-scoring-1.0";
    public static final String MET = "met";
    public static final String NOT_MET = "not_met";
    public static final String INDETERMINATE = "indeterminate";
    static final int ITEM_COUNT = 20;
    static final int ENDORSED_AT = 2;

    public static final List<Band> BANDS = List.of(
            new Band("below_31", 0, 30),
            new Band("31_to_32", 31, 32),
            new Band("33_or_above", 33, 80));

    /** DSM-5 clusters: name, first item, last item, endorsements required. */
    public record Cluster(String name, int firstItem, int lastItem, int required) {
        List<String> itemIds() {
            List<String> ids = new ArrayList<>();
            for (int i = firstItem; i <= lastItem; i++) {
                ids.add("pcl5_q" + i);
            }
            return ids;
        }
    }

    public static final List<Cluster> CLUSTERS = List.of(
            new Cluster("B", 1, 5, 1),
            new Cluster("C", 6, 7, 1),
            new Cluster("D", 8, 14, 2),
            new Cluster("E", 15, 20, 2));

    private static final AnswerSchema SCHEMA;

    static {
        List<ItemSchema> items = new ArrayList<>();
        for (int i = 1; i <= ITEM_COUNT; i++) {
            items.add(ItemSchema.scored("pcl5_q" + i, ItemSchema.range(0, 4, 1)));
        }
        SCHEMA = new AnswerSchema(INSTRUMENT_ID, INSTRUMENT_VERSION, items);
    }

    @Override
    public AnswerSchema schema() {
        return SCHEMA;
    }

    @Override
    public String scoringVersion() {
        return SCORING_VERSION;
    }

    @Override
    public List<Band> bands() {
        return BANDS;
    }

    @Override
    public Score score(Map<String, Integer> submitted) {
        Map<String, Integer> answers = checked(submitted);
        Map<String, Number> subscales = new LinkedHashMap<>();
        Map<String, Integer> endorsed = new LinkedHashMap<>();
        int raw = 0;
        int answered = 0;
        boolean allClustersMet = true;
        boolean someClusterUnreachable = false;
        for (Cluster cluster : CLUSTERS) {
            int sum = 0;
            int missing = 0;
            int endorsedCount = 0;
            for (String id : cluster.itemIds()) {
                Integer v = answers.get(id);
                if (v == null) {
                    missing++;
                } else {
                    sum += v;
                    if (v >= ENDORSED_AT) {
                        endorsedCount++;
                    }
                }
            }
            raw += sum;
            answered += cluster.itemIds().size() - missing;
            subscales.put(cluster.name(), missing == 0 ? sum : null);
            endorsed.put(cluster.name(), endorsedCount);
            allClustersMet &= endorsedCount >= cluster.required();
            someClusterUnreachable |= endorsedCount + missing < cluster.required();
        }
        String diagnosis = allClustersMet ? MET : someClusterUnreachable ? NOT_MET : INDETERMINATE;
        boolean complete = answered == ITEM_COUNT;
        TreeSet<String> flags = new TreeSet<>();
        if (!complete) {
            flags.add(Flags.MISSING_ITEMS);
        }
        Integer total = complete ? raw : null;
        return new Score(INSTRUMENT_ID, INSTRUMENT_VERSION, SCORING_VERSION, complete, total, raw, answered, null,
                subscales, endorsed, null, total == null ? null : Band.of(BANDS, total), diagnosis,
                List.copyOf(flags));
    }
}
