package org.proservice.error;

/**
 * The payload rule for text: every string the service accepts (JSON keys and values, path segments, query
 * parameters) must be storable in PostgreSQL {@code text} and re-encodable as UTF-8 by every client. Refused: NUL
 * and the other C0 control characters except tab, line feed and carriage return, and UTF-16 surrogates that are not
 * part of a pair.
 */
public final class SafeText {

    private SafeText() {
    }

    public static boolean isSafe(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static Problem.FieldError refusal(String field) {
        return new Problem.FieldError(field, "unsafe_text",
                "contains a control character (other than tab or line break) or an unpaired surrogate");
    }
}
