package org.proservice.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The verified-token cache, with a counting parser in place of SmallRye JWT and a clock the test moves. */
class VerifiedTokenCacheTest {

    /** Seconds since the epoch, moved by the test; the ticker follows it. */
    final AtomicLong nowSeconds = new AtomicLong(2_000_000_000L);
    final Ticker ticker = () -> TimeUnit.SECONDS.toNanos(nowSeconds.get());
    final CountingParser smallRye = new CountingParser();

    VerifiedTokenCache cache(long maxEntries, Duration ttl) {
        return new VerifiedTokenCache(smallRye, maxEntries, ttl, ticker) {
            @Override
            long wallClockNanos() {
                return TimeUnit.SECONDS.toNanos(nowSeconds.get());
            }
        };
    }

    @Test
    void aTokenIsVerifiedOnceThenAnsweredFromMemory() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        smallRye.exp.put("a", nowSeconds.get() + 3600);
        JsonWebToken first = cache.parse("a");
        JsonWebToken second = cache.parse("a");
        assertSame(first, second);
        assertEquals(1, smallRye.calls("a"));
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        smallRye.exp.put("a", nowSeconds.get() + 3600);
        smallRye.exp.put("b", nowSeconds.get() + 3600);
        cache.parse("a");
        cache.parse("b");
        cache.parse("b");
        assertEquals(1, smallRye.calls("a"));
        assertEquals(1, smallRye.calls("b"));
    }

    @Test
    void anEntryNeverOutlivesTheTokensExpiry() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        smallRye.exp.put("a", nowSeconds.get() + 30);
        cache.parse("a");
        nowSeconds.addAndGet(29);
        cache.parse("a");
        assertEquals(1, smallRye.calls("a"));
        nowSeconds.addAndGet(2); // past exp: SmallRye JWT decides again (with its clock skew)
        cache.parse("a");
        assertEquals(2, smallRye.calls("a"));
    }

    @Test
    void anEntryIsVerifiedAgainAfterTheTtl() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        smallRye.exp.put("a", nowSeconds.get() + 3600);
        cache.parse("a");
        nowSeconds.addAndGet(299);
        cache.parse("a");
        assertEquals(1, smallRye.calls("a"));
        nowSeconds.addAndGet(2);
        cache.parse("a");
        assertEquals(2, smallRye.calls("a"));
    }

    @Test
    void anExpiredOrExpLessTokenIsNotKept() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        smallRye.exp.put("late", nowSeconds.get() - 10); // accepted by the verifier within its skew
        smallRye.exp.put("noexp", 0L);
        cache.parse("late");
        cache.parse("late");
        cache.parse("noexp");
        cache.parse("noexp");
        assertEquals(2, smallRye.calls("late"));
        assertEquals(2, smallRye.calls("noexp"));
        assertEquals(0, cache.size());
    }

    @Test
    void aRefusedTokenIsVerifiedEveryTime() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        assertThrows(ParseException.class, () -> cache.parse("forged"));
        assertThrows(ParseException.class, () -> cache.parse("forged"));
        assertEquals(2, smallRye.calls("forged"));
        assertEquals(0, cache.size());
    }

    @Test
    void theCacheHoldsAtMostMaxEntries() throws Exception {
        VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5));
        for (int i = 0; i < 50; i++) {
            smallRye.exp.put("t" + i, nowSeconds.get() + 3600);
            cache.parse("t" + i);
        }
        assertEquals(10, cache.size());
    }

    @Test
    void zeroEntriesTurnsTheCacheOff() throws Exception {
        VerifiedTokenCache cache = cache(0, Duration.ofMinutes(5));
        smallRye.exp.put("a", nowSeconds.get() + 3600);
        cache.parse("a");
        cache.parse("a");
        assertEquals(2, smallRye.calls("a"));
    }

    /** A compact JWS-shaped token whose header names {@code kid}; the parser in this test only looks it up. */
    static String signedBy(String kid, String name) {
        String header = kid == null ? "{\"alg\":\"RS256\"}" : "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}";
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + name + ".sig";
    }

    @Test
    void aTokenUnderANewKeyIdEmptiesTheCacheSoOldKeysTokensAreVerifiedAgain() throws Exception {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        String old = signedBy("key-1", "a");
        String sibling = signedBy("key-1", "b");
        String rotated = signedBy("key-2", "c");
        for (String t : new String[] {old, sibling, rotated}) {
            smallRye.exp.put(t, nowSeconds.get() + 3600);
        }
        cache.parse(old);
        cache.parse(sibling);
        cache.parse(old);
        assertEquals(1, smallRye.calls(old), "same key id: answered from memory");
        // The identity provider rotates: the verifier reloads its key set for key-2, and key-1 is gone from it.
        cache.parse(rotated);
        smallRye.exp.remove(old);
        assertThrows(ParseException.class, () -> cache.parse(old));
        assertEquals(2, smallRye.calls(old));
        // A token under a key id already seen does not empty the cache again.
        cache.parse(rotated);
        cache.parse(sibling);
        cache.parse(sibling);
        assertEquals(2, smallRye.calls(sibling));
        assertEquals(1, smallRye.calls(rotated), "the token under the new key id is kept");
    }

    @Test
    void theKeyIdIsReadFromTheProtectedHeaderOnly() {
        assertEquals("key-1", VerifiedTokenCache.keyId(signedBy("key-1", "x")));
        assertEquals(null, VerifiedTokenCache.keyId(signedBy(null, "x")));
        assertEquals(null, VerifiedTokenCache.keyId("not-a-jws"));
        assertEquals(null, VerifiedTokenCache.keyId("%%%.payload.sig"));
        assertEquals(null, VerifiedTokenCache.keyId("WzFd.payload.sig")); // "[1]": not an object
    }

    @Test
    void keysAreDigestsNotTokens() {
        String key = VerifiedTokenCache.digest("header.payload.signature");
        assertEquals(43, key.length());
        assertEquals(key, VerifiedTokenCache.digest("header.payload.signature"));
        org.junit.jupiter.api.Assertions.assertNotEquals(key, VerifiedTokenCache.digest("header.payload.signaturf"));
    }

    /** Accepts the tokens it was given an exp for (0: no exp claim) and refuses any other; counts calls. */
    static final class CountingParser implements JWTParser {
        final Map<String, Long> exp = new HashMap<>();
        final Map<String, Integer> calls = new HashMap<>();

        int calls(String token) {
            return calls.getOrDefault(token, 0);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.merge(token, 1, Integer::sum);
            Long e = exp.get(token);
            if (e == null) {
                throw new ParseException("refused");
            }
            return new JsonWebToken() {
                @Override
                public String getName() {
                    return token;
                }

                @Override
                public Set<String> getClaimNames() {
                    return e == 0 ? Set.of("sub") : Set.of("sub", "exp");
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> T getClaim(String claim) {
                    if ("exp".equals(claim)) {
                        return e == 0 ? null : (T) e;
                    }
                    return "sub".equals(claim) ? (T) token : null;
                }
            };
        }

        @Override
        public JsonWebToken parse(String token, JWTAuthContextInfo context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, PublicKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, PrivateKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken parseOnly(String token) {
            throw new UnsupportedOperationException();
        }
    }
}
