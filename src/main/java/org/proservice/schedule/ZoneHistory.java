package org.proservice.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A patient's time-zone history: each entry's zone is in force from its {@code validFrom} until the next entry's.
 * The first entry is also taken to be in force before its own {@code validFrom} (a patient always has a zone).
 * Pure Java.
 *
 * <h2>Which zone a window boundary uses</h2>
 * A window day runs from local midnight to local midnight. With one zone that is
 * {@code date.atStartOfDay(zone)}, which is right across daylight-saving changes (23 h and 25 h days, and zones
 * whose clocks skip midnight itself start the day at the first valid local time). With a history the rule is:
 * <b>the start of local date D is the first instant at which the patient's own calendar - the local date in the
 * zone in force at that instant - shows D or a later date.</b> Consequences:
 * <ul>
 * <li>boundaries long before or after a change are local midnight in the zone in force then, so a change never
 * moves windows that closed before it, and later windows follow the new zone;</li>
 * <li>travelling west (the date starts again in the new zone) the date's start is the earlier, first one;</li>
 * <li>travelling east past midnight (the new zone is already on D or later when the change takes effect) the
 * start of D is the instant of the change itself;</li>
 * <li>the start of a later date is never before the start of an earlier one, so windows never invert.</li>
 * </ul>
 */
public final class ZoneHistory {

    /** One entry: {@code zone} is in force from {@code validFrom}. */
    public record Entry(Instant validFrom, ZoneId zone) {
    }

    private final List<Entry> entries;

    private ZoneHistory(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a zone history needs at least one entry");
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::validFrom));
        this.entries = List.copyOf(sorted);
    }

    public static ZoneHistory of(List<Entry> entries) {
        return new ZoneHistory(entries);
    }

    /** A patient who never changed zone. */
    public static ZoneHistory single(ZoneId zone) {
        return new ZoneHistory(List.of(new Entry(Instant.EPOCH, zone)));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The zone in force at {@code at}. */
    public ZoneId zoneAt(Instant at) {
        ZoneId zone = entries.get(0).zone();
        for (Entry e : entries) {
            if (e.validFrom().isAfter(at)) {
                break;
            }
            zone = e.zone();
        }
        return zone;
    }

    /** The zone in force now-ish: the latest entry. */
    public ZoneId current() {
        return entries.get(entries.size() - 1).zone();
    }

    /** The first instant at which the patient's local calendar shows {@code date} or later (see class comment). */
    public Instant startOf(LocalDate date) {
        for (int i = 0; i < entries.size(); i++) {
            Instant from = i == 0 ? null : entries.get(i).validFrom();
            Instant to = i + 1 < entries.size() ? entries.get(i + 1).validFrom() : null;
            Instant midnight = date.atStartOfDay(entries.get(i).zone()).toInstant();
            Instant candidate = from != null && midnight.isBefore(from) ? from : midnight;
            if (to == null || candidate.isBefore(to)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: the last entry is open-ended");
    }
}
