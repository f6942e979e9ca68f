package org.proservice.notify;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    /** The study's subscription {@code id} unless it was deleted. */
    public Optional<WebhookSubscription> findActive(UUID studyId, UUID id) {
        return find("id = ?1 and studyId = ?2 and deletedAt is null", id, studyId).firstResultOptional();
    }

    /** As {@link #findActive}, with a row lock: rotations of one subscription take turns. */
    public Optional<WebhookSubscription> findActiveForUpdate(UUID studyId, UUID id) {
        return find("id = ?1 and studyId = ?2 and deletedAt is null", id, studyId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<WebhookSubscription> listActive(UUID studyId) {
        return list("studyId = ?1 and deletedAt is null order by createdAt, id", studyId);
    }
}
