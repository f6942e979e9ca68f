package org.proservice.invitation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Brute-force guard for invitation claims: unknown codes are counted per caller subject and per client address in
 * the database (so every instance sees them) for a sliding window; past the limit every claim from that source is
 * refused until enough failures have aged out. Failures are written in a transaction of their own, so they count
 * although the request fails.
 */
@ApplicationScoped
public class ClaimThrottle {

    @Inject
    EntityManager em;
    @Inject
    InvitationSettings settings;

    static String subjectSource(String subject) {
        return "sub:" + subject;
    }

    static String addressSource(String address) {
        return "addr:" + address;
    }

    /** How long the caller must wait, or empty when a claim may go ahead. */
    public Optional<Duration> retryAfter(String subject, String address, Instant now) {
        Optional<Duration> bySubject = wait(subjectSource(subject), settings.maxFailuresPerSubject(), now);
        Optional<Duration> byAddress = address == null ? Optional.empty()
                : wait(addressSource(address), settings.maxFailuresPerAddress(), now);
        if (bySubject.isPresent() && byAddress.isPresent()) {
            return Optional.of(bySubject.get().compareTo(byAddress.get()) > 0 ? bySubject.get() : byAddress.get());
        }
        return bySubject.or(() -> byAddress);
    }

    /** Counts one unknown code against both sources and drops their failures that have left the window. */
    public void recordFailure(String subject, String address, Instant now) {
        Instant horizon = now.minus(settings.failureWindow());
        QuarkusTransaction.requiringNew().run(() -> {
            for (String source : address == null ? List.of(subjectSource(subject))
                    : List.of(subjectSource(subject), addressSource(address))) {
                em.createNativeQuery("DELETE FROM invitation_failure WHERE source = ?1 AND attempted_at <= ?2")
                        .setParameter(1, source).setParameter(2, Timestamp.from(horizon)).executeUpdate();
                em.createNativeQuery("INSERT INTO invitation_failure (source, attempted_at) VALUES (?1, ?2)")
                        .setParameter(1, source).setParameter(2, Timestamp.from(now)).executeUpdate();
            }
        });
    }

    /**
     * With {@code max} or more failures in the window, the wait until the {@code max}-th newest leaves it (then at
     * most {@code max - 1} remain); at least one second.
     */
    private Optional<Duration> wait(String source, int max, Instant now) {
        Instant horizon = now.minus(settings.failureWindow());
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("""
                SELECT attempted_at FROM invitation_failure WHERE source = ?1 AND attempted_at > ?2
                ORDER BY attempted_at DESC OFFSET ?3 LIMIT 1""")
                .setParameter(1, source).setParameter(2, Timestamp.from(horizon)).setParameter(3, max - 1)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Instant at = toInstant(rows.get(0));
        Duration left = Duration.between(now, at.plus(settings.failureWindow()));
        return Optional.of(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
    }

    private static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + v.getClass());
    }
}
