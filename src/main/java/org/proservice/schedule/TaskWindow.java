package org.proservice.schedule;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The window [opens, closes) of one task. The window covers the whole local days {@code firstDay} to
 * {@code lastDay} (inclusive): {@code opens} is the start of {@code firstDay} and {@code closes} the start of the
 * day after {@code lastDay}, both in the patient's zone as {@link ZoneHistory#startOf} defines it. Pure Java.
 *
 * @param dueDay the target day, anchor date + offset
 */
public record TaskWindow(LocalDate dueDay, LocalDate firstDay, LocalDate lastDay, Instant opens, Instant closes) {

    /**
     * firstDay = anchor + offset - before; lastDay = anchor + offset + after.
     */
    public static TaskWindow compute(LocalDate anchorDate, int offsetDays, int windowDaysBefore, int windowDaysAfter,
            ZoneHistory zones) {
        LocalDate due = anchorDate.plusDays(offsetDays);
        LocalDate first = due.minusDays(windowDaysBefore);
        LocalDate last = due.plusDays(windowDaysAfter);
        return new TaskWindow(due, first, last, zones.startOf(first), zones.startOf(last.plusDays(1)));
    }

    /** Whether {@code at} lies in [opens, closes). */
    public boolean contains(Instant at) {
        return !at.isBefore(opens) && at.isBefore(closes);
    }
}
