package org.proservice.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.proservice.study.protocol.LatePolicy;

/**
 * How a task's status follows from its window, its completions, an excusal and the current instant. Pure Java.
 *
 * <ol>
 * <li>A completion wins over everything: the earliest current (non-superseded) response counts; before the
 * deadline ({@code closes + grace}) it is {@code completed}, at or after it {@code completed_late}. A completion
 * of a task whose anchor is not recorded (possible for a clinician-administered response) is {@code completed}.</li>
 * <li>Otherwise an excused task is {@code excused} (also when its anchor never happened, e.g. a dropped-out
 * patient's session-6).</li>
 * <li>Otherwise without an anchor date: {@code not_scheduled}.</li>
 * <li>Otherwise by the clock: before {@code opens} {@code not_yet_open}; from {@code opens} (inclusive) until the
 * deadline (exclusive) {@code open}; from the deadline on {@code missed}.</li>
 * </ol>
 */
public final class TaskStatusRule {

    private TaskStatusRule() {
    }

    /** A status and, when completed, the completion instant that decided it. */
    public record TaskState(TaskStatus status, Instant completedAt) {
    }

    /**
     * @param window      null when the anchor event has not been recorded
     * @param completions completion instants of the task's current responses, any order
     */
    public static TaskState derive(TaskWindow window, Collection<Instant> completions, boolean excused,
            int graceHours, Instant now) {
        Optional<Instant> first = completions.stream().min(Comparator.naturalOrder());
        if (first.isPresent()) {
            boolean late = window != null && !first.get().isBefore(deadline(window, graceHours));
            return new TaskState(late ? TaskStatus.COMPLETED_LATE : TaskStatus.COMPLETED, first.get());
        }
        if (excused) {
            return new TaskState(TaskStatus.EXCUSED, null);
        }
        if (window == null) {
            return new TaskState(TaskStatus.NOT_SCHEDULED, null);
        }
        if (now.isBefore(window.opens())) {
            return new TaskState(TaskStatus.NOT_YET_OPEN, null);
        }
        if (now.isBefore(deadline(window, graceHours))) {
            return new TaskState(TaskStatus.OPEN, null);
        }
        return new TaskState(TaskStatus.MISSED, null);
    }

    /** The end of on-time submission: {@code closes} plus the protocol's grace hours. */
    public static Instant deadline(TaskWindow window, int graceHours) {
        return window.closes().plus(Duration.ofHours(graceHours));
    }

    /** How a submission completed at {@code at} relates to the task's window, for the response intake. */
    public enum SubmissionTiming {
        /** The anchor is not recorded: there is no window to judge against. */
        NO_WINDOW,
        /** Before the window opens. */
        EARLY,
        ON_TIME,
        /** After the deadline, accepted and to be marked late ({@code accept_marked_late}). */
        LATE_ACCEPTED,
        /** After the deadline, to be refused ({@code reject}). */
        LATE_REJECTED
    }

    public static SubmissionTiming classify(TaskWindow window, LatePolicy policy, int graceHours, Instant at) {
        if (window == null) {
            return SubmissionTiming.NO_WINDOW;
        }
        if (at.isBefore(window.opens())) {
            return SubmissionTiming.EARLY;
        }
        if (at.isBefore(deadline(window, graceHours))) {
            return SubmissionTiming.ON_TIME;
        }
        return policy == LatePolicy.REJECT ? SubmissionTiming.LATE_REJECTED : SubmissionTiming.LATE_ACCEPTED;
    }
}
