package proservice.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** RS256 bearer tokens signed with the test key (JDK only), one per subject, cached for the run. */
final class Tokens {

    private final PrivateKey key;
    private final String issuer;
    private final String audience;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    Tokens(String pemPath, String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        try {
            String pem = Files.readString(Path.of(pemPath), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the signing key " + pemPath, e);
        }
    }

    /**
     * Signs the tokens of subjects base .. base + count - 1 now, on every core, so that no RSA signature is computed
     * while requests are measured: a 2048-bit signature costs about a millisecond of the generator's CPU, which a
     * 2-core machine would otherwise take from the service under test.
     */
    void presign(long base, long count, String role) {
        long t0 = System.nanoTime();
        java.util.stream.LongStream.range(base, base + count).parallel().forEach(n -> bearer(Long.toString(n), role));
        System.out.printf("pre-signed %d tokens in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    String bearer(String subject, String role) {
        return cache.computeIfAbsent(subject + "|" + role, k -> "Bearer " + sign(subject, role));
    }

    private String sign(String subject, String role) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 4 * 3600) + "}");
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
