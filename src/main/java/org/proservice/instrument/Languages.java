package org.proservice.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Picks the language to serve from an {@code Accept-Language} header (RFC 4647 lookup, as the JDK implements it). */
final class Languages {

    private Languages() {
    }

    static String pick(String acceptLanguage, String defaultLanguage, Set<String> available) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return defaultLanguage;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return defaultLanguage;
        }
        String found = Locale.lookupTag(ranges, new ArrayList<>(available));
        if (found == null) {
            return defaultLanguage;
        }
        return available.stream().filter(a -> a.equalsIgnoreCase(found)).findFirst().orElse(defaultLanguage);
    }
}
