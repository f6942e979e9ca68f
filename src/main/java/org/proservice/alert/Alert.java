package org.proservice.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A safety alert raised by a scoring rule for one response. It carries the rule (flag) code, never answer values.
 * Lifecycle open -> acknowledged -> resolved; each step's who, when and note is written once by a guarded UPDATE
 * ({@link AlertRepository#transition}).
 */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "response_id", nullable = false)
    public UUID responseId;

    @Column(name = "instrument_id", nullable = false)
    public String instrumentId;

    /** {@code item9_positive}, {@code item9_missing}, {@code severe_band}. */
    @Column(name = "rule", nullable = false)
    public String rule;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledge_note")
    public String acknowledgeNote;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolve_note")
    public String resolveNote;
}
