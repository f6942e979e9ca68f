package org.proservice.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of the append-only audit trail. Written only by {@link org.proservice.security.AuditLog}; the database
 * refuses UPDATE, DELETE and TRUNCATE on the table.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "actor_subject", nullable = false)
    public String actorSubject;

    @Column(name = "actor_role")
    public String actorRole;

    @Column(name = "action", nullable = false)
    public String action;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "patient_id")
    public UUID patientId;

    @Column(name = "study_id")
    public UUID studyId;

    /** {@code allowed} or {@code denied}. */
    @Column(name = "outcome", nullable = false)
    public String outcome;

    /** The server's id of the request. */
    @Column(name = "request_id")
    public String requestId;

    /** The caller's {@code X-Request-Id}, when it sent a sane one. */
    @Column(name = "client_request_id")
    public String clientRequestId;

    /** Extra facts (never answer values or tokens). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "detail", columnDefinition = "jsonb")
    public Map<String, Object> detail;
}
