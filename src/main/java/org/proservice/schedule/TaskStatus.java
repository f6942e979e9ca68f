package org.proservice.schedule;

import java.util.Arrays;
import java.util.Optional;

/** The derived status of an assessment task, with its wire name. */
public enum TaskStatus {
    /** The anchor event has not been recorded yet, so the window is unknown. */
    NOT_SCHEDULED("not_scheduled"),
    NOT_YET_OPEN("not_yet_open"),
    OPEN("open"),
    COMPLETED("completed"),
    COMPLETED_LATE("completed_late"),
    MISSED("missed"),
    EXCUSED("excused");

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TaskStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
    }
}
