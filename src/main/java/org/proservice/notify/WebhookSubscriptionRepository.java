package org.proservice.notify;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscription, UUID> {

    /** The study's subscription {@code id} unless it was deleted. */
    public Optional<WebhookSubscription> findActive(UUID studyId, UUID id) {
        return find("id = ?1 and studyId = ?2 and deletedAt is null", id, studyId).firstResultOptional();
    }

    public List<WebhookSubscription> listActive(UUID studyId) {
        return list("studyId = ?1 and deletedAt is null order by createdAt, id", studyId);
    }
}
