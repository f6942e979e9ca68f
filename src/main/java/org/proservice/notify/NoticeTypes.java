package org.proservice.notify;

import java.util.List;
import java.util.Set;

/**
 * The notice (event) types the service publishes, by their wire names. Subscriptions choose among these; the
 * {@link Outbox} refuses any other type. A feature that publishes a new kind of notice adds its name here.
 */
public final class NoticeTypes {

    /** A safety alert was raised (e.g. PHQ-9 item 9 positive). Published by the alert feature. */
    public static final String ALERT_RAISED = "alert.raised";
    /** A response was stored and scored. Published by the response feature. */
    public static final String RESPONSE_STORED = "response.stored";
    /** An assessment task's window opened (a reminder: "a questionnaire is due"). */
    public static final String TASK_OPENED = "task.opened";
    /** An assessment task's window is about to close and the task is still open (a reminder). */
    public static final String TASK_CLOSING = "task.closing";

    /** Every known type, in a stable order. */
    public static final List<String> ALL = List.of(ALERT_RAISED, RESPONSE_STORED, TASK_OPENED, TASK_CLOSING);

    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private NoticeTypes() {
    }

    public static boolean isKnown(String type) {
        return type != null && KNOWN.contains(type);
    }
}
