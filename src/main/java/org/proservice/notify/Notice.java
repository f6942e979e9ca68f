package org.proservice.notify;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notice as a {@link NoticeGuard} sees it: the outbox row without its delivery state.
 *
 * @param id          the idempotent event id receivers get ({@code webhook-id})
 * @param studyId     the study the notice belongs to
 * @param type        one of {@link NoticeTypes}
 * @param dedupKey    the key that made the notice unique in the outbox
 * @param availableAt when the notice became (or becomes) due
 * @param data        the payload ({@code data} of the webhook body): ids and links, see {@link NoticeData}
 */
public record Notice(UUID id, UUID studyId, String type, String dedupKey, Instant availableAt,
        Map<String, Object> data) {
}
