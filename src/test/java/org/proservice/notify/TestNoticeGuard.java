package org.proservice.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the schedule feature's guard: a task reminder whose {@code enrollmentId} (here: any test string)
 * is in {@link #COMPLETED_TASKS} is no longer relevant. Leaves every other notice alone.
 */
@ApplicationScoped
public class TestNoticeGuard implements NoticeGuard {

    static final Set<String> COMPLETED_TASKS = ConcurrentHashMap.newKeySet();

    @Override
    public boolean shouldDeliver(Notice notice) {
        Object task = notice.data().get("enrollmentId");
        return task == null || !COMPLETED_TASKS.contains(task.toString());
    }
}
