package org.proservice.notify;

/**
 * A last look at a notice before it goes out, implemented by the feature that owns the fact behind the notice.
 * Every CDI bean implementing this interface is asked; one {@code false} withdraws the notice.
 *
 * <p>The delivery worker asks twice: when the notice becomes due and is fanned out to the subscriptions (a
 * {@code false} marks the outbox row {@code cancelled}), and before each delivery attempt (a {@code false} marks the
 * delivery {@code cancelled}). Both calls run inside a short database transaction of the worker, without a request
 * context and without a caller: read the facts straight from the repositories, do not use the access policy.
 *
 * <p>Typical use: the schedule feature answers {@code false} for a {@code task.opened}/{@code task.closing}
 * reminder whose task is no longer open (completed, excused, moved by a protocol change), so that a reminder never
 * reaches a patient who has already answered. Answer {@code true} for notices you do not know about. Keep it cheap
 * (one indexed query), make it {@code @ApplicationScoped}, and never throw: an exception is logged and treated as
 * "deliver".
 */
public interface NoticeGuard {

    boolean shouldDeliver(Notice notice);
}
