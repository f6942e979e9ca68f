package org.proservice.notify;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Webhook signing secrets in the Standard Webhooks form {@code whsec_<base64>}: the HMAC key is the base64-decoded
 * part (24 to 64 bytes), not the text. New secrets - given at creation or made by a rotation - must have this form.
 *
 * <p>Secrets stored before the form was required (any printable text of 16 to 256 characters) still sign: when a
 * stored secret is not {@code whsec_} followed by valid base64 of 24 to 64 bytes, its UTF-8 bytes are the key, as
 * before. Rotating such a subscription gives it a secret of the standard form.
 */
final class WebhookSecret {

    static final String PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;
    /** Length of the key a rotation generates. */
    static final int GENERATED_KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    /** A new random secret: {@code whsec_} and the base64 of 32 random bytes. */
    static String generate() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The key of a secret of the standard form, or empty when {@code secret} does not have that form. */
    static Optional<byte[]> standardKey(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String encoded = secret.substring(PREFIX.length());
        if (encoded.isEmpty() || !encoded.matches("[A-Za-z0-9+/]+={0,2}")) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            return key.length >= MIN_KEY_BYTES && key.length <= MAX_KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The HMAC key of a stored secret: the decoded part of a standard secret, else (older secrets) its UTF-8 bytes. */
    static byte[] key(String secret) {
        return standardKey(secret).orElseGet(() -> secret.getBytes(StandardCharsets.UTF_8));
    }
}
