package org.proservice.scoring;

import java.util.List;

/** A closed integer interval of reported totals (SPEC 0.5) and its code. */
public record Band(String code, int min, int max) {

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    /** The code of the band that contains {@code value}; the bands must cover it. */
    public static String of(List<Band> bands, int value) {
        for (Band b : bands) {
            if (b.contains(value)) {
                return b.code();
            }
        }
        throw new IllegalArgumentException("no band covers " + value);
    }
}
