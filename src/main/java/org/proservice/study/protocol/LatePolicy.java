package org.proservice.study.protocol;

import java.util.Arrays;
import java.util.Optional;

/** What happens to a submission after its task's window (plus grace) has closed. */
public enum LatePolicy {
    /** Accepted; the task shows {@code completed_late}. */
    ACCEPT_MARKED_LATE("accept_marked_late"),
    /** Refused; the task stays {@code missed}. */
    REJECT("reject");

    private final String wireName;

    LatePolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<LatePolicy> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(value)).findFirst();
    }
}
