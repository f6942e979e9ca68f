package org.proservice.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook deliveries are signed, and how a receiver checks them.
 *
 * <h2>What a receiver gets</h2>
 * An HTTP {@code POST} to the subscription's URL with
 * <pre>
 * Content-Type:      application/json
 * Webhook-Id:        3f6c...            the event id; the same on every retry and redelivery of this notice
 * Webhook-Timestamp: 1767225600         unix seconds when this attempt was signed
 * Webhook-Signature: v1=9a0b...         "v1=" + lower-case hex HMAC-SHA256
 * </pre>
 * and the body
 * <pre>
 * {"id":"3f6c...","type":"alert.raised","occurredAt":"2026-03-09T08:15:00Z","studyId":"...","data":{...}}
 * </pre>
 * {@code data} carries ids and codes, never answer values.
 *
 * <h2>Signature</h2>
 * {@code v1 = hex(HMAC-SHA256(key = UTF-8 bytes of the subscription secret,
 * message = UTF-8 bytes of Webhook-Timestamp + "." + raw request body))}.
 *
 * <h2>Checking it</h2>
 * <ol>
 * <li>Read the raw body bytes before any JSON parsing (re-serialising changes them).</li>
 * <li>Compute the HMAC above and compare it with the value after {@code v1=} in constant time
 * ({@link MessageDigest#isEqual}); reject on mismatch.</li>
 * <li>Reject a timestamp more than 5 minutes away from your clock (replay protection).</li>
 * <li>Answer 2xx quickly, then process; remember {@code Webhook-Id}s already processed and ignore repeats:
 * delivery is at least once (a retry after a lost answer, a redelivery by an admin, a replica that took over a
 * delivery whose instance died).</li>
 * </ol>
 * Any answer other than 2xx (and no answer within the timeout) counts as a failure and is retried with exponential
 * backoff; redirects are not followed. Further signature versions would be added as more space-separated
 * {@code vN=} entries in the same header.
 */
public final class WebhookSignature {

    public static final String ID_HEADER = "Webhook-Id";
    public static final String TIMESTAMP_HEADER = "Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Webhook-Signature";
    public static final String SCHEME = "v1=";

    private WebhookSignature() {
    }

    /** The {@code Webhook-Signature} header value for a body sent at {@code timestamp} (unix seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** Whether {@code header} holds a valid {@code v1} signature of the body (receiver side; no clock check). */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String header) {
        if (header == null || timestampHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp, body);
        for (String part : header.trim().split("\\s+")) {
            if (part.startsWith(SCHEME)) {
                try {
                    if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(part.substring(SCHEME.length())))) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // not hex: try the next entry
                }
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
