package org.proservice.study.protocol;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A published protocol version of a study. Immutable (the database refuses UPDATE and DELETE). */
@Entity
@Immutable
@Table(name = "protocol_version")
public class ProtocolVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    /** 1, 2, 3 ... within the study. */
    @Column(name = "version", nullable = false)
    public int version;

    /** The normalized definition as published. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "definition", columnDefinition = "jsonb", nullable = false)
    public ProtocolDraft definition;

    @Column(name = "late_submissions", nullable = false)
    public String lateSubmissions;

    @Column(name = "grace_hours", nullable = false)
    public int graceHours;

    @Column(name = "baseline_key", nullable = false)
    public String baselineKey;

    @Column(name = "migrate_enrolled", nullable = false)
    public boolean migrateEnrolled;

    @Column(name = "migrated_enrollments", nullable = false)
    public int migratedEnrollments;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;

    /**
     * A new (not yet persisted) version row for a validated protocol. Persist it, then its
     * {@link #timepointRows()}.
     */
    public static ProtocolVersion of(UUID studyId, int version, Protocol protocol, boolean migrateEnrolled,
            int migratedEnrollments, String publishedBy, Instant publishedAt) {
        ProtocolVersion v = new ProtocolVersion();
        v.id = UUID.randomUUID();
        v.studyId = studyId;
        v.version = version;
        v.definition = protocol.toDraft();
        v.lateSubmissions = protocol.latePolicy().wireName();
        v.graceHours = protocol.graceHours();
        v.baselineKey = protocol.baseline().key();
        v.migrateEnrolled = migrateEnrolled;
        v.migratedEnrollments = migratedEnrollments;
        v.publishedAt = publishedAt;
        v.publishedBy = publishedBy;
        return v;
    }

    /** One queryable row per timepoint, to persist together with this version. */
    public java.util.List<ProtocolTimepointRow> timepointRows() {
        return protocol().timepoints().stream().map(t -> ProtocolTimepointRow.of(this, t)).toList();
    }

    /** The definition as a {@link Protocol}; it was validated when published. */
    public Protocol protocol() {
        return Protocol.fromNormalizedDraft(definition);
    }
}
