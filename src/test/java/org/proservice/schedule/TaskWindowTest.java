package org.proservice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskWindowTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static long hours(TaskWindow w) {
        return Duration.between(w.opens(), w.closes()).toHours();
    }

    @Test
    void oneDayWindowOnTheMarchChangeInNewYorkLasts23Hours() {
        // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT.
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 3, 8), 0, 0, 0, ZoneHistory.single(NEW_YORK));
        assertEquals(at("2026-03-08T05:00:00Z"), w.opens());
        assertEquals(at("2026-03-09T04:00:00Z"), w.closes());
        assertEquals(23, hours(w));
    }

    @Test
    void oneDayWindowOnTheNovemberChangeInNewYorkLasts25Hours() {
        // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST.
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 11, 1), 0, 0, 0, ZoneHistory.single(NEW_YORK));
        assertEquals(at("2026-11-01T04:00:00Z"), w.opens());
        assertEquals(at("2026-11-02T05:00:00Z"), w.closes());
        assertEquals(25, hours(w));
    }

    @Test
    void weekLongWindowSpanningTheMarchChangeIsOneHourShort() {
        // anchor 2026-03-04 (session-1), offset 1, 0 before, 6 after: days 03-05 .. 03-11 local.
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 3, 4), 1, 0, 6, ZoneHistory.single(NEW_YORK));
        assertEquals(LocalDate.of(2026, 3, 5), w.firstDay());
        assertEquals(LocalDate.of(2026, 3, 11), w.lastDay());
        assertEquals(LocalDate.of(2026, 3, 5), w.dueDay());
        assertEquals(at("2026-03-05T05:00:00Z"), w.opens());
        assertEquals(at("2026-03-12T04:00:00Z"), w.closes());
        assertEquals(7 * 24 - 1, hours(w));
    }

    @Test
    void weekLongWindowSpanningTheNovemberChangeIsOneHourLong() {
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 10, 29), 0, 2, 4, ZoneHistory.single(NEW_YORK));
        assertEquals(LocalDate.of(2026, 10, 27), w.firstDay());
        assertEquals(LocalDate.of(2026, 11, 2), w.lastDay());
        assertEquals(at("2026-10-27T04:00:00Z"), w.opens());
        assertEquals(at("2026-11-03T05:00:00Z"), w.closes());
        assertEquals(7 * 24 + 1, hours(w));
    }

    @Test
    void zoneWithoutDaylightSavingHasExact24HourDays() {
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 3, 8), 0, 0, 0, ZoneHistory.single(KOLKATA));
        assertEquals(at("2026-03-07T18:30:00Z"), w.opens());
        assertEquals(at("2026-03-08T18:30:00Z"), w.closes());
        TaskWindow utc = TaskWindow.compute(LocalDate.of(2026, 11, 1), 0, 0, 0, ZoneHistory.single(ZoneId.of("UTC")));
        assertEquals(at("2026-11-01T00:00:00Z"), utc.opens());
        assertEquals(24, hours(utc));
    }

    @Test
    void dayWhoseMidnightDoesNotExistStartsAtTheFirstValidLocalTime() {
        // Chile skips 00:00-01:00 on 2026-09-06: the day starts at 01:00 -03:00.
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 9, 6), 0, 0, 0,
                ZoneHistory.single(ZoneId.of("America/Santiago")));
        assertEquals(at("2026-09-06T04:00:00Z"), w.opens());
        assertEquals(23, hours(w));
    }

    @Test
    void patientWhoMovesEastMidStudyGetsLaterWindowsInTheNewZone() {
        // New York until 2026-03-20T12:00Z, then Berlin.
        ZoneHistory h = ZoneHistory.of(List.of(new ZoneHistory.Entry(at("2026-01-01T00:00:00Z"), NEW_YORK),
                new ZoneHistory.Entry(at("2026-03-20T12:00:00Z"), BERLIN)));
        TaskWindow before = TaskWindow.compute(LocalDate.of(2026, 3, 10), 0, 0, 2, h);
        assertEquals(at("2026-03-10T04:00:00Z"), before.opens());
        assertEquals(at("2026-03-13T04:00:00Z"), before.closes());
        TaskWindow after = TaskWindow.compute(LocalDate.of(2026, 3, 23), 0, 0, 1, h);
        assertEquals(at("2026-03-22T23:00:00Z"), after.opens()); // CET, before Berlin's change on 03-29
        assertEquals(at("2026-03-24T23:00:00Z"), after.closes());
        // A window around the change: opens at NY midnight, closes at Berlin midnight.
        TaskWindow across = TaskWindow.compute(LocalDate.of(2026, 3, 19), 0, 0, 2, h);
        assertEquals(at("2026-03-19T04:00:00Z"), across.opens());
        assertEquals(at("2026-03-21T23:00:00Z"), across.closes());
    }

    @Test
    void whenTheNewZoneIsAlreadyPastMidnightTheDayStartsAtTheChange() {
        // Change to Berlin at 2026-03-20T03:00Z: it is 04:00 on 03-20 in Berlin but still 23:00 on 03-19 in NY.
        ZoneHistory h = ZoneHistory.of(List.of(new ZoneHistory.Entry(at("2026-01-01T00:00:00Z"), NEW_YORK),
                new ZoneHistory.Entry(at("2026-03-20T03:00:00Z"), BERLIN)));
        assertEquals(at("2026-03-20T03:00:00Z"), h.startOf(LocalDate.of(2026, 3, 20)));
        assertEquals(at("2026-03-19T04:00:00Z"), h.startOf(LocalDate.of(2026, 3, 19)));
        assertEquals(at("2026-03-20T23:00:00Z"), h.startOf(LocalDate.of(2026, 3, 21)));
    }

    @Test
    void patientWhoMovesWestKeepsTheFirstStartOfADate() {
        // Berlin until 2026-03-20T03:00Z (04:00 on 03-20 there), then New York (23:00 on 03-19 there).
        ZoneHistory h = ZoneHistory.of(List.of(new ZoneHistory.Entry(at("2026-01-01T00:00:00Z"), BERLIN),
                new ZoneHistory.Entry(at("2026-03-20T03:00:00Z"), NEW_YORK)));
        assertEquals(at("2026-03-19T23:00:00Z"), h.startOf(LocalDate.of(2026, 3, 20)));
        assertEquals(at("2026-03-21T04:00:00Z"), h.startOf(LocalDate.of(2026, 3, 21)));
        assertEquals(NEW_YORK, h.zoneAt(at("2026-03-20T03:00:00Z")));
        assertEquals(BERLIN, h.zoneAt(at("2026-03-20T02:59:59Z")));
    }

    @Test
    void firstZoneAppliesBeforeItsRecordedStart() {
        ZoneHistory h = ZoneHistory.of(List.of(new ZoneHistory.Entry(at("2026-06-01T00:00:00Z"), KOLKATA)));
        assertEquals(at("2026-01-09T18:30:00Z"), h.startOf(LocalDate.of(2026, 1, 10)));
        assertEquals(KOLKATA, h.zoneAt(at("2020-01-01T00:00:00Z")));
    }

    @Test
    void windowContainsItsOpeningInstantButNotItsClosingInstant() {
        TaskWindow w = TaskWindow.compute(LocalDate.of(2026, 3, 8), 0, 0, 0, ZoneHistory.single(NEW_YORK));
        assertEquals(true, w.contains(w.opens()));
        assertEquals(false, w.contains(w.opens().minusNanos(1)));
        assertEquals(false, w.contains(w.closes()));
        assertEquals(true, w.contains(w.closes().minusNanos(1)));
    }
}
