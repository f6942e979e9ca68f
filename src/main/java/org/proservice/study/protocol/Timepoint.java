package org.proservice.study.protocol;

import java.util.List;

/**
 * A validated timepoint: the instruments due {@code offsetDays} after the anchor's local date, in a window from
 * {@code windowDaysBefore} days before to {@code windowDaysAfter} days after that day (whole local days).
 *
 * @param arms     the arms it applies to; empty means every arm
 * @param position its place in the protocol (0-based), for stable ordering
 */
public record Timepoint(String key, String label, String anchor, int offsetDays, int windowDaysBefore,
        int windowDaysAfter, List<String> instruments, List<String> arms, boolean baseline, int position) {

    public Timepoint {
        instruments = List.copyOf(instruments);
        arms = List.copyOf(arms);
    }

    public boolean appliesTo(String armCode) {
        return arms.isEmpty() || arms.contains(armCode);
    }
}
