package org.proservice.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of task reminders ({@code pro.notify.reminders.*}, environment {@code PRO_NOTIFY_REMINDERS_*}). */
@ConfigMapping(prefix = "pro.notify.reminders")
public interface ReminderSettings {

    /**
     * How long before a task's deadline ({@code closes} plus the protocol's grace hours) {@code task.closing} is
     * due; never before the window opens.
     */
    @WithDefault("PT24H")
    Duration closingLead();
}
