package org.proservice.study;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What the patients of a study see of themselves, set by study staff. A study without a row uses the defaults:
 * arm hidden, no scores, no crisis message.
 */
@Entity
@Table(name = "study_patient_settings")
public class StudyPatientSettings extends PanacheEntityBase {

    @Id
    @Column(name = "study_id")
    public UUID studyId;

    @Column(name = "arm_visible", nullable = false)
    public boolean armVisible;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "score_instruments", nullable = false, columnDefinition = "text[]")
    public String[] scoreInstruments = new String[0];

    @Column(name = "crisis_text")
    public String crisisText;

    @Column(name = "crisis_contact")
    public String crisisContact;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
