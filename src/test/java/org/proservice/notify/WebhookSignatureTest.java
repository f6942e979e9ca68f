package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Standard Webhooks signature receivers implement, checked against values computed independently (Python
 * {@code hmac}, {@code base64}); the first is also the example of the Standard Webhooks specification.
 */
class WebhookSignatureTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER = "whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpBQkNERUY=";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    // python3: base64.b64encode(hmac.new(base64.b64decode('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'),
    //          b'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}', hashlib.sha256).digest())
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final String EXPECTED_OTHER = "v1,DBQKFm8GtVnqqYyGvlFwHDr1O/+Ri4Ib8s9fUxinFF4=";
    // A secret stored before the whsec_ form was required: its UTF-8 bytes are the key.
    static final String EXPECTED_LEGACY = "v1,/yfD6ldXmPDk1xbcV5xUiCuPFUrIoUKg+Auttbv/gOQ=";

    @Test
    void signatureIsBase64HmacSha256OfIdDotTimestampDotBodyWithTheDecodedSecret() {
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY));
        assertEquals(EXPECTED_OTHER, WebhookSignature.sign(OTHER, ID, TIMESTAMP, BODY));
    }

    @Test
    void secretsStoredBeforeTheStandardFormSignWithTheirTextAsKey() {
        assertEquals(EXPECTED_LEGACY, WebhookSignature.sign("legacy-secret-0123456789", ID, TIMESTAMP, BODY));
    }

    @Test
    void duringARotationBothSecretsSignSpaceSeparatedCurrentFirst() {
        String header = WebhookSignature.sign(List.of(OTHER, SECRET), ID, TIMESTAMP, BODY);
        assertEquals(EXPECTED_OTHER + " " + EXPECTED, header);
        assertTrue(WebhookSignature.verify(SECRET, ID, Long.toString(TIMESTAMP), BODY, header), "old secret");
        assertTrue(WebhookSignature.verify(OTHER, ID, Long.toString(TIMESTAMP), BODY, header), "new secret");
        assertFalse(WebhookSignature.verify("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), ID,
                Long.toString(TIMESTAMP), BODY, header), "a third secret");
        assertEquals(EXPECTED, WebhookSignature.sign(List.of(SECRET), ID, TIMESTAMP, BODY));
    }

    @Test
    void receiverAcceptsTheSignatureWithTheRightSecretOnly() {
        assertTrue(WebhookSignature.verify(SECRET, ID, "1614265330", BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(OTHER, ID, "1614265330", BODY, EXPECTED));
    }

    @Test
    void receiverRejectsAChangedBodyTimestampOrId() {
        byte[] changed = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", changed, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265331", BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, ID + "x", "1614265330", BODY, EXPECTED),
                "the id is signed: a replayed body under another id fails");
    }

    @Test
    void receiverRejectsMalformedHeaders() {
        assertFalse(WebhookSignature.verify(SECRET, ID, "soon", BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", BODY, null));
        assertFalse(WebhookSignature.verify(SECRET, null, "1614265330", BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", BODY, "v1,%%%"));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", BODY, EXPECTED.substring(3)));
        assertFalse(WebhookSignature.verify(SECRET, ID, "1614265330", BODY, EXPECTED.replace("v1,", "v2,")));
    }

    @Test
    void receiverAcceptsOneValidEntryAmongSeveral() {
        assertTrue(WebhookSignature.verify(SECRET, ID, "1614265330", BODY, "v2,abc " + EXPECTED_OTHER + " "
                + EXPECTED));
    }

    @Test
    void generatedSecretsHaveTheStandardFormAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String s = WebhookSecret.generate();
            assertTrue(s.startsWith("whsec_"), s.substring(0, 6));
            assertEquals(32, WebhookSecret.standardKey(s).orElseThrow().length);
            assertTrue(seen.add(s), "a repeated secret");
        }
        assertNotEquals(WebhookSignature.sign(WebhookSecret.generate(), ID, TIMESTAMP, BODY), EXPECTED);
    }

    @Test
    void onlyTheStandardFormWith24To64KeyBytesIsAStandardSecret() {
        assertTrue(WebhookSecret.standardKey(SECRET).isPresent());
        assertTrue(WebhookSecret.standardKey("whsec_" + Base64.getEncoder().encodeToString(new byte[64])).isPresent());
        assertFalse(WebhookSecret.standardKey("whsec_" + Base64.getEncoder().encodeToString(new byte[23]))
                .isPresent(), "too short");
        assertFalse(WebhookSecret.standardKey("whsec_" + Base64.getEncoder().encodeToString(new byte[65]))
                .isPresent(), "too long");
        assertFalse(WebhookSecret.standardKey("whsec_not base64 at all!!").isPresent());
        assertFalse(WebhookSecret.standardKey("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").isPresent(), "no prefix");
        assertFalse(WebhookSecret.standardKey("whsec_reminders_0123456789abcdef").isPresent(), "underscore");
    }
}
