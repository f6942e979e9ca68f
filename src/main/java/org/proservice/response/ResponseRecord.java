package org.proservice.response;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One administration of an instrument as received, with the score computed at receipt. Immutable: the database
 * refuses UPDATE and DELETE. A correction is a new row that {@link #supersedesId supersedes} this one; a row is
 * current while no row supersedes it.
 */
@Entity
@Immutable
@Table(name = "response")
public class ResponseRecord extends PanacheEntityBase {

    public static final String MODE_SELF = "self";
    public static final String MODE_CLINICIAN = "clinician_administered";

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "enrollment_id", nullable = false)
    public UUID enrollmentId;

    /** Null for an unscheduled administration. */
    @Column(name = "timepoint_key")
    public String timepointKey;

    @Column(name = "instrument_id", nullable = false)
    public String instrumentId;

    @Column(name = "instrument_version", nullable = false)
    public String instrumentVersion;

    /** {@link #MODE_SELF} or {@link #MODE_CLINICIAN}. */
    @Column(name = "mode", nullable = false)
    public String mode;

    /** The answers as given: item id -> integer code or null (unanswered). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "answers", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> answers;

    /** The client's completion time. */
    @Column(name = "completed_at", nullable = false)
    public Instant completedAt;

    /** The server's receive time. */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** {@code on_time}, {@code late}, {@code no_window} (anchor not recorded) or {@code unscheduled}. */
    @Column(name = "timing", nullable = false)
    public String timing;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "submitted_role")
    public String submittedRole;

    @Column(name = "scoring_version", nullable = false)
    public String scoringVersion;

    @Column(name = "scorable", nullable = false)
    public boolean scorable;

    @Column(name = "total")
    public Integer total;

    @Column(name = "band")
    public String band;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "flags", nullable = false, columnDefinition = "text[]")
    public String[] flags;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "subscales", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> subscales;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "score_detail", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> scoreDetail;

    @Column(name = "supersedes_id")
    public UUID supersedesId;

    @Column(name = "amendment_reason")
    public String amendmentReason;

    public boolean late() {
        return "late".equals(timing);
    }
}
