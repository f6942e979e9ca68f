package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A clinician's excusal of one task (timepoint x instrument) of an enrollment. */
@Entity
@Table(name = "task_excusal")
public class TaskExcusal extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "enrollment_id", nullable = false)
    public UUID enrollmentId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "timepoint_key", nullable = false)
    public String timepointKey;

    @Column(name = "instrument_id", nullable = false)
    public String instrumentId;

    @Column(name = "reason", nullable = false)
    public String reason;

    @Column(name = "excused_at", nullable = false)
    public Instant excusedAt;

    @Column(name = "excused_by", nullable = false)
    public String excusedBy;
}
