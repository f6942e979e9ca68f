package org.proservice.platform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plausible answer sets for the demo, derived from one severity figure (the PHQ-9 total the demo patient should
 * have): GAD-7, PCL-5 and BPI-SF move with it. Only answers are made here; the scores come from the scoring
 * service when the answers are submitted.
 */
final class DemoAnswers {

    private DemoAnswers() {
    }

    static ObjectNode of(String instrumentId, int phq9Total, int item9) {
        return switch (instrumentId) {
            case "phq9" -> phq9(phq9Total, item9);
            case "gad7" -> spread("gad7_q", 7, 3, Math.round(phq9Total * 0.75f)).put("gad7_difficulty",
                    difficulty(phq9Total));
            case "pcl5" -> spread("pcl5_q", 20, 4, Math.round(phq9Total * 2.4f));
            case "bpi-sf" -> bpi(Math.min(10, Math.round(phq9Total * 0.35f) + 1));
            default -> throw new IllegalArgumentException("No demo answers for " + instrumentId);
        };
    }

    private static ObjectNode phq9(int total, int item9) {
        ObjectNode a = spread("phq9_q", 8, 3, total - item9);
        a.put("phq9_q9", item9);
        a.put("phq9_difficulty", difficulty(total));
        return a;
    }

    /** {@code items} items named prefix1..prefixN, each 0..max, summing to {@code total}, spread evenly. */
    private static ObjectNode spread(String prefix, int items, int max, int total) {
        if (total < 0 || total > items * max) {
            throw new IllegalArgumentException("total out of range: " + total);
        }
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        for (int i = 1; i <= items; i++) {
            int value = total / items + (i <= total % items ? 1 : 0);
            a.put(prefix + i, value);
        }
        return a;
    }

    private static int difficulty(int phq9Total) {
        return phq9Total >= 15 ? 2 : phq9Total >= 5 ? 1 : 0;
    }

    private static ObjectNode bpi(int pain) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("bpi_q1_pain_today", 1);
        a.put("bpi_q3_worst", Math.min(10, pain + 2));
        a.put("bpi_q4_least", Math.max(0, pain - 2));
        a.put("bpi_q5_average", pain);
        a.put("bpi_q6_now", pain);
        a.put("bpi_q8_relief_pct", Math.max(0, 60 - pain * 5) / 10 * 10);
        String[] interference = { "bpi_q9a_general_activity", "bpi_q9b_mood", "bpi_q9c_walking_ability",
                "bpi_q9d_normal_work", "bpi_q9e_relations", "bpi_q9f_sleep", "bpi_q9g_enjoyment_of_life" };
        for (int i = 0; i < interference.length; i++) {
            a.put(interference[i], Math.max(0, Math.min(10, pain + (i % 3) - 1)));
        }
        return a;
    }
}
