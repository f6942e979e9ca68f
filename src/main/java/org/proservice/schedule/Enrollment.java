package org.proservice.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Patient x study x arm x protocol version x enrollment date. The study subject code is unique within the study;
 * a patient is enrolled at most once per study.
 */
@Entity
@Table(name = "enrollment")
public class Enrollment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "arm_code", nullable = false)
    public String armCode;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    /** Version number of the study's protocol this patient follows. */
    @Column(name = "protocol_version", nullable = false)
    public int protocolVersion;

    /** The enrollment day in the patient's local calendar. */
    @Column(name = "enrollment_date", nullable = false)
    public LocalDate enrollmentDate;

    @Column(name = "enrolled_at", nullable = false)
    public Instant enrolledAt;

    @Column(name = "enrolled_by", nullable = false)
    public String enrolledBy;
}
