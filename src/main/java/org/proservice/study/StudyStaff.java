package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An identity-provider subject who is staff of a study and may therefore see the study's patients. */
@Entity
@Table(name = "study_staff")
public class StudyStaff extends PanacheEntityBase {

    /** Staff roles inside a study. All grant the same access today; the role documents who is who. */
    public static final java.util.List<String> ROLES = java.util.List.of("investigator", "clinician", "coordinator");

    @Id
    public UUID id;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "subject", nullable = false)
    public String subject;

    @Column(name = "role", nullable = false)
    public String role;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    @Column(name = "added_by", nullable = false)
    public String addedBy;
}
