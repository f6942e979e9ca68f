package org.proservice.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A notice in the outbox. Written only through {@link Outbox}; read here for logs and tests. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DISPATCHED = "dispatched";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "dedup_key", nullable = false)
    public String dedupKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "available_at", nullable = false)
    public Instant availableAt;

    @Column(name = "state", nullable = false)
    public String state;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;
}
