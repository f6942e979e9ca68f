package org.proservice.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;

/**
 * What an event date must satisfy beyond "an event anchor of the protocol, not before enrollment". Pure Java.
 * <ul>
 * <li>not after the patient's local today (a date in the patient's current zone): an event is recorded once it
 * happened, 422 {@link ErrorCode#EVENT_DATE_IN_FUTURE};</li>
 * <li>the protocol's event anchors happen in the order they are listed (equal dates are allowed): a date that would
 * put this anchor before an earlier-listed anchor already recorded, or after a later-listed one, is 422
 * {@link ErrorCode#EVENT_ORDER_VIOLATED} naming both anchors and the recorded date. A correction is checked the
 * same way against the other recorded anchors.</li>
 * </ul>
 */
public final class EventDateRules {

    private EventDateRules() {
    }

    /**
     * @param eventAnchors the protocol's event anchors in protocol order
     * @param recorded     the enrollment's recorded event dates (may include {@code anchor} itself: ignored)
     */
    public static void check(String anchor, LocalDate date, LocalDate localToday, List<String> eventAnchors,
            Map<String, LocalDate> recorded) {
        if (date.isAfter(localToday)) {
            throw new ProblemException(ErrorCode.EVENT_DATE_IN_FUTURE, "An event is recorded once it has happened",
                    List.of(new FieldError("date", "after_local_today",
                            "must not be after the patient's local today (" + localToday + ")")));
        }
        int at = eventAnchors.indexOf(anchor);
        for (int i = 0; i < eventAnchors.size(); i++) {
            String other = eventAnchors.get(i);
            LocalDate otherDate = recorded.get(other);
            if (i == at || otherDate == null) {
                continue;
            }
            if (i < at && date.isBefore(otherDate)) {
                throw outOfOrder(anchor + " on " + date + " would precede " + other + " recorded on " + otherDate
                        + "; the protocol lists " + other + " before " + anchor);
            }
            if (i > at && date.isAfter(otherDate)) {
                throw outOfOrder(anchor + " on " + date + " would follow " + other + " recorded on " + otherDate
                        + "; the protocol lists " + anchor + " before " + other);
            }
        }
    }

    private static ProblemException outOfOrder(String message) {
        return new ProblemException(ErrorCode.EVENT_ORDER_VIOLATED, "The event date puts the protocol's anchors "
                + "out of order", List.of(new FieldError("date", "anchor_order", message)));
    }
}
