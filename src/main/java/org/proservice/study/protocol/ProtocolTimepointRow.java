package org.proservice.study.protocol;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One timepoint of a published protocol version as a row, for set-based queries (summaries, exports): label,
 * anchor, window and the baseline flag without parsing JSON. Written once with its version.
 */
@Entity
@Immutable
@Table(name = "protocol_timepoint")
public class ProtocolTimepointRow extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "protocol_version_id") UUID protocolVersionId,
            @Column(name = "timepoint_key") String timepointKey) implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "label", nullable = false)
    public String label;

    @Column(name = "anchor", nullable = false)
    public String anchor;

    @Column(name = "offset_days", nullable = false)
    public int offsetDays;

    @Column(name = "window_days_before", nullable = false)
    public int windowDaysBefore;

    @Column(name = "window_days_after", nullable = false)
    public int windowDaysAfter;

    @Column(name = "is_baseline", nullable = false)
    public boolean baseline;

    /** Null: every arm. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "arm_codes", columnDefinition = "text[]")
    public String[] armCodes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "instruments", columnDefinition = "text[]", nullable = false)
    public String[] instruments;

    static ProtocolTimepointRow of(ProtocolVersion v, Timepoint t) {
        ProtocolTimepointRow row = new ProtocolTimepointRow();
        row.id = new Key(v.id, t.key());
        row.studyId = v.studyId;
        row.version = v.version;
        row.position = t.position();
        row.label = t.label();
        row.anchor = t.anchor();
        row.offsetDays = t.offsetDays();
        row.windowDaysBefore = t.windowDaysBefore();
        row.windowDaysAfter = t.windowDaysAfter();
        row.baseline = t.baseline();
        row.armCodes = t.arms().isEmpty() ? null : t.arms().toArray(String[]::new);
        row.instruments = t.instruments().toArray(String[]::new);
        return row;
    }
}
