package org.proservice.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token parser SmallRye JWT authenticates bearer tokens with, remembering tokens it has verified. A client
 * sends the same token with every request until it expires; verifying it (Base64 and JSON decoding, the RSA or
 * ECDSA signature, the claim checks) cost about a tenth of the service's CPU per request under load. A token is
 * verified in full the first time; afterwards the same exact token is answered from memory until the first of:
 * its {@code exp}, {@code pro.jwt.verified-token-cache.ttl} after it was verified, or eviction when more than
 * {@code pro.jwt.verified-token-cache.max-entries} tokens are held.
 *
 * <p>Only successful verifications are kept: a refused token is verified again every time. Entries are keyed by
 * the SHA-256 digest of the token, so the map holds no bearer token and a lookup compares no secret. Checks that
 * depend on the moment of the request rather than on the token alone still run on every request: the token's age
 * and {@code iat} ({@link IssuedAtCheck}), and its {@code exp}, because an entry never outlives it.
 *
 * <p>Key rotation: when a token signed under a key id the cache has not seen before verifies, SmallRye JWT has
 * just loaded a key set with that key; the cache is then emptied, so every token signed by a key that left the set
 * is verified again and refused. A key withdrawn from the set without a new one appearing is noticed by SmallRye
 * JWT at its next key refresh ({@code PRO_JWT_JWKS_REFRESH_MINUTES}); tokens it signed that were verified before
 * stay accepted for at most the TTL (default 5 minutes). {@code PRO_JWT_CACHE_MAX_ENTRIES=0} turns the cache off.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final JWTParser delegate;
    private final Cache<String, JsonWebToken> verified;
    private final long ttlNanos;
    /** Key ids seen on verified tokens; a new one empties the cache (see {@link #parse(String)}). */
    private final Set<String> keyIdsSeen = ConcurrentHashMap.newKeySet();
    /** Bumped whenever the cache is emptied for a new key id. */
    private final AtomicLong generation = new AtomicLong();

    private static final int MAX_KEY_IDS = 64;

    @Inject
    VerifiedTokenCache(DefaultJWTParser smallRye,
            @ConfigProperty(name = "pro.jwt.verified-token-cache.max-entries", defaultValue = "0") long maxEntries,
            @ConfigProperty(name = "pro.jwt.verified-token-cache.ttl", defaultValue = "5m") Duration ttl) {
        this(smallRye, maxEntries, ttl, Ticker.systemTicker());
    }

    VerifiedTokenCache(JWTParser delegate, long maxEntries, Duration ttl, Ticker ticker) {
        if (maxEntries < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("pro.jwt.verified-token-cache: max-entries and ttl must not be negative");
        }
        this.delegate = delegate;
        this.ttlNanos = ttl.toNanos();
        this.verified = maxEntries == 0 || ttlNanos == 0 ? null
                : Caffeine.newBuilder().maximumSize(maxEntries).ticker(ticker)
                        .expireAfter(new Expiry<String, JsonWebToken>() {
                            @Override
                            public long expireAfterCreate(String key, JsonWebToken token, long currentTime) {
                                return lifetimeNanos(token);
                            }

                            @Override
                            public long expireAfterUpdate(String key, JsonWebToken token, long currentTime,
                                    long currentDuration) {
                                return currentDuration;
                            }

                            @Override
                            public long expireAfterRead(String key, JsonWebToken token, long currentTime,
                                    long currentDuration) {
                                return currentDuration;
                            }
                        }).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (verified == null) {
            return delegate.parse(token);
        }
        String key = digest(token);
        JsonWebToken known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        long generationBefore = generation.get();
        JsonWebToken jwt = delegate.parse(token);
        boolean current = generation.get() == generationBefore;
        if (newKeyId(keyId(token))) {
            // A key this cache has not seen sign before: the identity provider may have rotated its keys, and the
            // verifier has just reloaded the key set. Tokens remembered under the old set are verified again; this
            // one was checked against the new set.
            generation.incrementAndGet();
            verified.invalidateAll();
            current = true;
        }
        // A verification that raced with a rotation (another thread emptied the cache meanwhile) may have been
        // checked against the old key set: it is not remembered.
        if (current && lifetimeNanos(jwt) > 0) {
            verified.put(key, jwt);
        }
        return jwt;
    }

    /** Records a key id seen on a verified token; true when it is the first time (or the record was full). */
    private boolean newKeyId(String kid) {
        String id = kid == null ? "" : kid;
        if (keyIdsSeen.contains(id)) {
            return false;
        }
        if (keyIdsSeen.size() >= MAX_KEY_IDS) {
            keyIdsSeen.clear();
        }
        return keyIdsSeen.add(id);
    }

    /** The {@code kid} of a compact JWS's protected header, or null when it has none or cannot be read. */
    static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(header))) {
                JsonObject json = reader.readObject();
                JsonValue kid = json.get("kid");
                return kid instanceof JsonString s ? s.getString() : null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** How long a verified token may be answered from memory: until its exp, and at most the TTL. */
    long lifetimeNanos(JsonWebToken jwt) {
        Object claim = jwt.getClaim(Claims.exp.name());
        long exp = claim instanceof Number n ? n.longValue() : claim instanceof JsonNumber n ? n.longValue() : 0;
        if (exp <= 0) {
            return 0;
        }
        long untilExpiry = TimeUnit.SECONDS.toNanos(exp) - wallClockNanos();
        return Math.max(0, Math.min(untilExpiry, ttlNanos));
    }

    /** The wall clock the token's exp is compared with (seconds since the epoch, in nanoseconds). */
    long wallClockNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    /** Entries held now (tests and diagnostics). */
    long size() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // Other uses of the parser go to SmallRye JWT unchanged; only bearer-token authentication (parse) is cached.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
