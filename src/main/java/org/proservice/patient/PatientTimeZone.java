package org.proservice.patient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a patient's time-zone history: {@code zoneId} (IANA, e.g. {@code Europe/Zurich}) is in force from
 * {@code validFrom} until the next entry's {@code validFrom}. Entries are added, never changed.
 */
@Entity
@Table(name = "patient_time_zone")
public class PatientTimeZone extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "zone_id", nullable = false)
    public String zoneId;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;
}
