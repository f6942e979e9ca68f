package org.proservice.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses tokens issued in the future beyond the clock skew, and tokens older than {@code pro.jwt.max-token-age}
 * (default 24 h, counted from {@code iat}, which is therefore required). SmallRye JWT checks {@code exp} and
 * {@code nbf} with the skew but accepts any {@code iat}: a token "issued" ten minutes from now is forged or broken,
 * and a token with a far-away {@code exp} must not stay valid for ever.
 */
@ApplicationScoped
public class IssuedAtCheck implements SecurityIdentityAugmentor {

    private final long skewSeconds;
    private final long maxAgeSeconds;

    IssuedAtCheck(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds,
            @ConfigProperty(name = "pro.jwt.max-token-age", defaultValue = "24h") java.time.Duration maxAge) {
        this.skewSeconds = skewSeconds;
        this.maxAgeSeconds = maxAge.toSeconds();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Long issuedAt = epochSeconds(jwt.getClaim(Claims.iat.name()));
            if (issuedAt != null && issuedAt > Instant.now().getEpochSecond() + skewSeconds) {
                return Uni.createFrom().failure(new AuthenticationFailedException("token issued in the future"));
            }
            long now = Instant.now().getEpochSecond();
            if (issuedAt == null || issuedAt < now - maxAgeSeconds - skewSeconds) {
                return Uni.createFrom().failure(new AuthenticationFailedException("token without iat or too old"));
            }
        }
        return Uni.createFrom().item(identity);
    }

    private static Long epochSeconds(Object claim) {
        if (claim instanceof Number n) {
            return n.longValue();
        }
        if (claim instanceof JsonNumber n) {
            return n.longValue();
        }
        return null;
    }
}
