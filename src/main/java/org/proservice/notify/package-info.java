/**
 * Outbound notices: a transactional outbox and signed webhook delivery, safe with several replicas.
 *
 * <h2>Flow</h2>
 * <ol>
 * <li>A feature calls {@link org.proservice.notify.Outbox#enqueue} (or {@code schedule}/{@code cancel}) inside
 * the transaction that stores the fact: one {@code outbox_event} row, unique by dedup key.</li>
 * <li>Every instance runs {@link org.proservice.notify.NotifyScheduler} ({@code pro.notify.poll-interval}). Its
 * {@link org.proservice.notify.DeliveryWorker} fans due notices out (one {@code webhook_delivery} per active
 * subscription of the study that subscribed to the type; {@code FOR UPDATE SKIP LOCKED}, so each notice is fanned
 * out once), claims due deliveries in a short transaction (state {@code in_flight}, lease {@code locked_until},
 * one attempt counted), POSTs them outside any transaction, then records each result if it still holds the lease:
 * 2xx {@code delivered}; otherwise {@code pending} again after exponential backoff with jitter, or {@code failed}
 * after {@code pro.notify.max-attempts}. A crashed instance's lease expires and another instance takes the delivery
 * over: delivery is at least once, with the event id as idempotency key for receivers. Every attempt is written to
 * the audit trail ({@code deliver} on {@code webhook_delivery}; ids, result, status or error class, never the
 * body).</li>
 * <li>Admins manage subscriptions, rotate their secrets and read the delivery log through
 * {@link org.proservice.notify.WebhookResource}; redelivery resets a delivery to pending. Admins see no patient
 * data, and neither does a webhook: notices are thin ({@link org.proservice.notify.NoticeData}).</li>
 * </ol>
 * The wire format and signature are documented on {@link org.proservice.notify.WebhookSignature}.
 *
 * <h2>Wiring expected from other features</h2>
 * <ul>
 * <li>Alerts (issue 6): in the submission transaction, {@code outbox.enqueue(studyId, NoticeTypes.ALERT_RAISED,
 * "alert.raised:" + alertId, null, NoticeData.alertRaised(alertId, studyId, patientId, responseId))} - ids and
 * links, never the rule.</li>
 * <li>Responses (issue 6): {@code RESPONSE_STORED} with {@code "response.stored:" + responseId}; and, since the
 * response completes a task, {@code outbox.cancel(List.of("task.opened:" + taskKey, "task.closing:" + taskKey),
 * "task_completed")} (done by {@code TaskReminders.cancel}).</li>
 * <li>Reminders (issue 5, wired in {@code org.proservice.schedule.TaskReminders}): when tasks are (re)computed -
 * enrollment, event recorded or corrected, time-zone change, protocol version change with migration -
 * {@code outbox.schedule(studyId, TASK_OPENED, "task.opened:" + taskKey, opensAt, ..)} and
 * {@code schedule(.., TASK_CLOSING, "task.closing:" + taskKey, deadline.minus(lead), ..)} with
 * {@code taskKey = enrollmentId:timepointKey:instrumentId}; excusing a task cancels its reminders; and one
 * {@link org.proservice.notify.NoticeGuard} bean ({@code org.proservice.schedule.TaskReminderGuard}) that says
 * {@code false} for a {@code task.*} notice whose task is no longer {@code open} (or not yet open, for a moved
 * window), as the last line of defence.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * <ul>
 * <li>Subscription secrets (and, during a rotation's overlap, the previous one) are stored as given
 * ({@code webhook_subscription.secret}, {@code previous_secret}); production should encrypt them at rest (KMS
 * envelope encryption) or keep them in a secret store. An expired previous secret no longer signs and is replaced
 * by the next rotation.</li>
 * <li>{@link org.proservice.notify.NotifyRetention} deletes finished deliveries and one-off notices after
 * {@code pro.notify.retention.keep} (90 days); reminder notices are kept as dedup tombstones (ids only), so that
 * table grows by two small rows per task.</li>
 * <li>Private-network targets are refused when the subscription is created and before each attempt (resolved
 * addresses), but the HTTP client resolves the host again: DNS rebinding between the two lookups is not
 * excluded. An egress proxy or network policy is the stronger control.</li>
 * </ul>
 */
package org.proservice.notify;
