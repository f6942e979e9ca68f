package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature scheme receivers implement, checked against a value computed independently (Python hmac). */
class WebhookSignatureTest {

    static final String SECRET = "whsec_0123456789abcdef";
    static final byte[] BODY = "{\"id\":\"3f6c\",\"type\":\"alert.raised\"}".getBytes(StandardCharsets.UTF_8);
    // python3: hmac.new(b'whsec_0123456789abcdef', b'1767225600.' + body, hashlib.sha256).hexdigest()
    static final String EXPECTED = "v1=37636a5172fb6c3cabf287cbc810893bcf63fc6f157ed7ce9609e0619f3561f5";

    @Test
    void signatureIsHexHmacSha256OverTimestampDotBody() {
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, 1767225600L, BODY));
    }

    @Test
    void receiverAcceptsTheSignatureWithTheRightSecretOnly() {
        assertTrue(WebhookSignature.verify(SECRET, "1767225600", BODY, EXPECTED));
        assertFalse(WebhookSignature.verify("whsec_another_secret_000", "1767225600", BODY, EXPECTED));
    }

    @Test
    void receiverRejectsAChangedBodyOrTimestamp() {
        byte[] changed = "{\"id\":\"3f6d\",\"type\":\"alert.raised\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(SECRET, "1767225600", changed, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, "1767225601", BODY, EXPECTED));
    }

    @Test
    void receiverRejectsMalformedHeaders() {
        assertFalse(WebhookSignature.verify(SECRET, "soon", BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(SECRET, "1767225600", BODY, null));
        assertFalse(WebhookSignature.verify(SECRET, "1767225600", BODY, "v1=zz"));
        assertFalse(WebhookSignature.verify(SECRET, "1767225600", BODY, EXPECTED.substring(3)));
    }

    @Test
    void receiverAcceptsOneValidEntryAmongSeveral() {
        assertTrue(WebhookSignature.verify(SECRET, "1767225600", BODY, "v2=abc " + EXPECTED));
    }
}
