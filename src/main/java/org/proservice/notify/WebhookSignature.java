package org.proservice.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook deliveries are signed (the Standard Webhooks scheme), and how a receiver checks them.
 *
 * <h2>What a receiver gets</h2>
 * An HTTP {@code POST} to the subscription's URL with
 * <pre>
 * content-type:      application/json
 * webhook-id:        3f6c...                the event id; the same on every retry and redelivery of this notice
 * webhook-timestamp: 1767225600             unix seconds when this attempt was signed
 * webhook-signature: v1,K5oZ...= v1,9xQa...= one "v1," + base64 HMAC-SHA256 per valid secret, space-separated
 * </pre>
 * and a thin body: the notice's type and ids, and links into the API - nothing clinical
 * ({@link NoticeData} lists the keys of each type):
 * <pre>
 * {"id":"3f6c...","type":"alert.raised","occurredAt":"2026-03-09T08:15:00Z","studyId":"...",
 *  "data":{"alertId":"...","patientId":"...","responseId":"...","studyId":"...","links":{...}}}
 * </pre>
 *
 * <h2>Signature</h2>
 * The secret has the form {@code whsec_<base64>}; the HMAC key is the base64-decoded part (secrets stored before
 * that form was required use their UTF-8 bytes, see {@link WebhookSecret}). The signed content is the UTF-8 text
 * {@code webhook-id + "." + webhook-timestamp + "." } followed by the raw body bytes. Each signature in the header is
 * {@code "v1," + base64(HMAC-SHA256(key, signed content))}. Normally there is one; after a secret rotation, until
 * the overlap ends, there are two (the new secret's and the old one's), so a receiver that still holds the old
 * secret keeps verifying while it is given the new one.
 *
 * <h2>Checking it (receiver side)</h2>
 * <ol>
 * <li>Keep the raw body bytes exactly as received; parse JSON only after the check (re-serialising changes the
 * bytes).</li>
 * <li>Take {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}; refuse the request when one
 * is missing, and when the timestamp is more than about 5 minutes away from your clock (an old, replayed
 * request).</li>
 * <li>Decode your secret (drop {@code whsec_}, base64-decode the rest) and compute the HMAC-SHA256 of
 * {@code id.timestamp.body} with it; encode it in base64.</li>
 * <li>Split the signature header at spaces; take the entries that start with {@code v1,}; accept when the part
 * after {@code v1,} equals your value for any of them, comparing in constant time
 * ({@link MessageDigest#isEqual}); otherwise refuse. Ignore entries of other versions.</li>
 * <li>Answer 2xx quickly, then process. Delivery is at least once (a retry after a lost answer, an admin's
 * redelivery, a replica taking over from one that died): keep the {@code webhook-id}s you have processed and
 * skip repeats. The id is signed, so it cannot be swapped to slip a repeat past this check.</li>
 * <li>Fetch what the notice is about through the {@code links} with your own credentials: the access policy and
 * the audit trail apply there.</li>
 * </ol>
 * Any answer other than 2xx, and no complete answer within the attempt deadline, is a failed attempt and is
 * retried with exponential backoff; redirects are not followed.
 */
public final class WebhookSignature {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String VERSION = "v1,";

    private WebhookSignature() {
    }

    /**
     * The {@code webhook-signature} header value: one {@code v1,} signature per secret, in the order given
     * (current secret first), separated by a space.
     */
    public static String sign(List<String> secrets, String id, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is required");
        }
        return secrets.stream().map(s -> sign(s, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** One signature, {@code v1,<base64 HMAC-SHA256>}, of {@code id.timestamp.body} with {@code secret}. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        return VERSION + Base64.getEncoder().encodeToString(hmac(WebhookSecret.key(secret), id, timestamp, body));
    }

    /**
     * Whether {@code header} holds a valid {@code v1} signature of the body made with {@code secret} (receiver side;
     * the clock check on the timestamp is left to the caller).
     */
    public static boolean verify(String secret, String id, String timestampHeader, byte[] body, String header) {
        if (secret == null || id == null || header == null || timestampHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = hmac(WebhookSecret.key(secret), id, timestamp, body);
        for (String part : header.trim().split(" +")) {
            if (part.startsWith(VERSION)) {
                try {
                    byte[] given = Base64.getDecoder().decode(part.substring(VERSION.length()));
                    if (MessageDigest.isEqual(expected, given)) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // not base64: try the next entry
                }
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
