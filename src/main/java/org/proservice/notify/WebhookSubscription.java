package org.proservice.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A study's webhook: where its notices go, signed with {@link #secret}. Deleted ones keep their row. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "url", nullable = false)
    public String url;

    /** Signing key; never leaves the service through the API. */
    @Column(name = "secret", nullable = false)
    public String secret;

    /** The secret before the last rotation; still signs (besides {@link #secret}) until {@link #previousSecretExpiresAt}. */
    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /** When {@link #secret} was set by a rotation; null for the secret given at creation. */
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false, columnDefinition = "text[]")
    public String[] eventTypes;

    @Column(name = "description")
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public String deletedBy;
}
