package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The local date on which an anchor event (e.g. {@code session-3}) happened for one enrollment. */
@Entity
@Table(name = "event_occurrence")
public class EventOccurrence extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "enrollment_id", nullable = false)
    public UUID enrollmentId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "anchor", nullable = false)
    public String anchor;

    @Column(name = "local_date", nullable = false)
    public LocalDate localDate;

    /** 1 when first recorded, +1 per correction. */
    @Column(name = "revision", nullable = false)
    public int revision;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
