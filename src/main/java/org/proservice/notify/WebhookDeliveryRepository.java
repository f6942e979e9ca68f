package org.proservice.notify;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /** A delivery with its notice's type. */
    public record Row(WebhookDelivery delivery, String eventType) {
    }

    /** The subscription's delivery, row-locked until the transaction ends. */
    public Optional<WebhookDelivery> findForUpdate(UUID subscriptionId, UUID deliveryId) {
        return find("id = ?1 and subscriptionId = ?2", deliveryId, subscriptionId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * The subscription's deliveries, newest first ({@code createdAt desc, id desc}), strictly after the keyset
     * position {@code (beforeCreatedAt, beforeId)} when given, optionally of one state.
     */
    public List<Row> page(UUID subscriptionId, String state, Instant beforeCreatedAt, UUID beforeId, int limit) {
        StringBuilder jpql = new StringBuilder("""
                select d, e.eventType from WebhookDelivery d, OutboxEvent e
                where e.id = d.eventId and d.subscriptionId = :subscription""");
        if (state != null) {
            jpql.append(" and d.state = :state");
        }
        if (beforeCreatedAt != null) {
            jpql.append(" and (d.createdAt < :createdAt or (d.createdAt = :createdAt and d.id < :id))");
        }
        jpql.append(" order by d.createdAt desc, d.id desc");
        TypedQuery<Object[]> q = getEntityManager().createQuery(jpql.toString(), Object[].class)
                .setParameter("subscription", subscriptionId)
                .setMaxResults(limit);
        if (state != null) {
            q.setParameter("state", state);
        }
        if (beforeCreatedAt != null) {
            q.setParameter("createdAt", beforeCreatedAt).setParameter("id", beforeId);
        }
        return q.getResultList().stream().map(r -> new Row((WebhookDelivery) r[0], (String) r[1])).toList();
    }

    /** Withdraws the deliveries of a deleted subscription that have not been attempted yet or wait for a retry. */
    public int cancelPending(UUID subscriptionId) {
        return update("state = ?1, lastError = ?2, updatedAt = ?3 where subscriptionId = ?4 and state = ?5",
                WebhookDelivery.CANCELLED, "cancelled: subscription deleted", Instant.now(), subscriptionId,
                WebhookDelivery.PENDING);
    }
}
