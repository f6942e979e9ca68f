package org.proservice.scoring;

import java.util.List;
import java.util.Objects;

/**
 * One item as the scoring engine sees it: its id, the integer codes it accepts and whether it enters any score.
 *
 * @param id            the item id used in the API (for example {@code phq9_q1})
 * @param allowedValues the integer codes a patient may give, in ascending order
 * @param scored        false for items that are stored but never enter a score (PHQ-9/GAD-7 difficulty, BPI Q1)
 */
public record ItemSchema(String id, List<Integer> allowedValues, boolean scored) {

    public ItemSchema {
        Objects.requireNonNull(id, "id");
        allowedValues = List.copyOf(allowedValues);
        if (allowedValues.isEmpty()) {
            throw new IllegalArgumentException("item " + id + " has no allowed values");
        }
    }

    public static ItemSchema scored(String id, List<Integer> allowedValues) {
        return new ItemSchema(id, allowedValues, true);
    }

    public static ItemSchema unscored(String id, List<Integer> allowedValues) {
        return new ItemSchema(id, allowedValues, false);
    }

    /** The integers {@code from..to} (inclusive) in steps of {@code step}. */
    public static List<Integer> range(int from, int to, int step) {
        java.util.ArrayList<Integer> values = new java.util.ArrayList<>();
        for (int v = from; v <= to; v += step) {
            values.add(v);
        }
        return List.copyOf(values);
    }

    public boolean allows(int value) {
        return allowedValues.contains(value);
    }

    /** Human-readable list of the allowed values, shortened for long regular sequences ("0, 10, 20, ..., 100"). */
    public String describeAllowedValues() {
        List<Integer> v = allowedValues;
        if (v.size() > 5 && isArithmetic(v)) {
            return v.get(0) + ", " + v.get(1) + ", " + v.get(2) + ", ..., " + v.get(v.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
                sb.append(i == v.size() - 1 ? " or " : ", ");
            }
            sb.append(v.get(i));
        }
        return sb.toString();
    }

    private static boolean isArithmetic(List<Integer> v) {
        int step = v.get(1) - v.get(0);
        for (int i = 2; i < v.size(); i++) {
            if (v.get(i) - v.get(i - 1) != step) {
                return false;
            }
        }
        return true;
    }
}
