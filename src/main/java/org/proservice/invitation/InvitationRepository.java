package org.proservice.invitation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The invitation with this code hash, locked for the claim (a second claim waits, then sees it claimed). */
    public Optional<Invitation> findByHashForUpdate(String codeHash) {
        return find("codeHash", codeHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The enrollment's pending invitation (at most one; a unique index keeps it so), locked. */
    public Optional<Invitation> pendingForUpdate(UUID enrollmentId) {
        return find("enrollmentId = ?1 and status = ?2", enrollmentId, Invitation.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
