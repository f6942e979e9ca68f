package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One arm of a study; {@code code} (e.g. {@code psychedelic-im}) is unique within the study. */
@Entity
@Table(name = "study_arm")
public class StudyArm extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "code", nullable = false)
    public String code;

    @Column(name = "label", nullable = false)
    public String label;

    /** Order in which the arms were declared. */
    @Column(name = "position", nullable = false)
    public int position;
}
