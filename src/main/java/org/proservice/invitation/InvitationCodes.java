package org.proservice.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Invitation codes: {@value #LENGTH} characters from an alphabet without look-alikes (no 0, O, 1, I, L or U),
 * shown in groups of four ({@code K7QM-3XWP-9HTC}). About 59 bits of randomness; together with the
 * expiry and the claim throttle that is far out of reach of guessing. Typed codes are normalised: case, spaces and
 * separators do not matter. Pure Java.
 */
public final class InvitationCodes {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 12;
    private static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationCodes() {
    }

    /** A new random code in display form. */
    public static String generate() {
        StringBuilder raw = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            raw.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return display(raw.toString());
    }

    /** Groups a normalised code for people: {@code XXXX-XXXX-XXXX}. */
    public static String display(String normalised) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < normalised.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                out.append('-');
            }
            out.append(normalised.charAt(i));
        }
        return out.toString();
    }

    /**
     * The canonical form of a typed code (upper case; spaces, '-', '_', '.' removed), or empty when what remains
     * cannot be a code (wrong length or a character outside the alphabet).
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (Character.isWhitespace(c) || c == '-' || c == '_' || c == '.') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0 || out.length() == LENGTH) {
                return Optional.empty();
            }
            out.append(c);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /** SHA-256 (hex) of a normalised code: what is stored and looked up. */
    public static String hash(String normalised) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("pro-invitation:" + normalised).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
