package org.proservice.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the schedule feature's guard: a task reminder whose task id is in {@link #COMPLETED_TASKS} is no
 * longer relevant. Leaves every other notice alone.
 */
@ApplicationScoped
public class TestNoticeGuard implements NoticeGuard {

    static final Set<String> COMPLETED_TASKS = ConcurrentHashMap.newKeySet();

    @Override
    public boolean shouldDeliver(Notice notice) {
        Object task = notice.data().get("taskId");
        return task == null || !COMPLETED_TASKS.contains(task.toString());
    }
}
