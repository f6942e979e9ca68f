package org.proservice.schedule;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Documentation only: the wire names of {@link TaskStatus} as one named enum (status filters of the task lists). */
@Schema(name = "TaskStatusName", type = SchemaType.STRING, enumeration = { "not_scheduled", "not_yet_open", "open",
        "completed", "completed_late", "missed", "excused" })
public final class TaskStatusName {
    private TaskStatusName() {
    }
}
