package org.proservice.instrument;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A response body together with its strong entity tag, computed once from the serialized content.
 *
 * @param body the entity to send
 * @param etag the opaque tag value (without quotes): the first 128 bits of the SHA-256 of the serialized body
 */
public record Tagged<T>(T body, String etag) {

    public static <T> Tagged<T> of(T body, byte[] serialized) {
        return new Tagged<>(body, hash(serialized));
    }

    public static Tagged<String> ofText(String text) {
        return new Tagged<>(text, hash(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
