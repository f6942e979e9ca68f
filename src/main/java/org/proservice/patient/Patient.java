package org.proservice.patient;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A pseudonymous patient: an opaque id and the identity-provider subject ({@code sub}) of the patient's own
 * tokens. No names, no e-mail addresses. The study subject code (e.g. {@code KAPT-007}) is on the enrollment.
 * Never load a patient for a caller without {@link org.proservice.security.AccessPolicy}.
 */
@Entity
@Table(name = "patient")
public class Patient extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Null until the patient has claimed an invitation (when enrolled without it). */
    @Column(name = "identity_subject")
    public String identitySubject;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
