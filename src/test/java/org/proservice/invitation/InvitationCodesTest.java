package org.proservice.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvitationCodesTest {

    @Test
    void generatedCodesAreTwelveUnambiguousCharactersInGroupsOfFour() {
        for (int i = 0; i < 200; i++) {
            String code = InvitationCodes.generate();
            assertTrue(code.matches("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$"), code);
        }
    }

    @Test
    void typedCodesIgnoreCaseSpacesAndSeparators() {
        assertEquals(Optional.of("K7QM3XWP9HTC"), InvitationCodes.normalise(" k7qm 3xwp-9htc "));
        assertEquals(Optional.of("K7QM3XWP9HTC"), InvitationCodes.normalise("K7QM_3XWP.9HTC"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "K7QM-3XWP-9HT", "K7QM-3XWP-9HTCX", "K7QM-3XWP-9HT0", "K7QM-3XWP-9HTO",
            "K7QM-3XWP-9HTI", "K7QM-3XWP-9HTL", "K7QM-3XWP-9HTU", "K7QM+3XWP+9HTC" })
    void malformedCodesDoNotNormalise(String typed) {
        assertEquals(Optional.empty(), InvitationCodes.normalise(typed));
    }

    @Test
    void hashIsStableAndDiffersFromTheCode() {
        String h = InvitationCodes.hash("K7QM3XWP9HTC");
        assertEquals(h, InvitationCodes.hash("K7QM3XWP9HTC"));
        assertEquals(64, h.length());
        assertNotEquals(h, InvitationCodes.hash("K7QM3XWP9HTD"));
    }

    @Test
    void qrCodeIsAnSvgDocument() {
        String svg = QrCodes.svg("https://pro.invalid/join?code=K7QM3XWP9HTC");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
        assertTrue(svg.contains("h1v1h-1z"), "has dark modules");
    }
}
