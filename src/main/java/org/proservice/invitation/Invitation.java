package org.proservice.invitation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A single-use invitation to bind an identity-provider account to an enrolled patient. The code itself is never
 * stored: {@link #codeHash} is the SHA-256 of its normalised form ({@link InvitationCodes#hash}). "Expired" is not a
 * status: it is {@code pending} past {@link #expiresAt}.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String CLAIMED = "claimed";
    public static final String REVOKED = "revoked";

    @Id
    public UUID id;

    @Column(name = "enrollment_id", nullable = false)
    public UUID enrollmentId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "study_id", nullable = false)
    public UUID studyId;

    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(name = "status", nullable = false)
    public String status;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "issued_by", nullable = false)
    public String issuedBy;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
