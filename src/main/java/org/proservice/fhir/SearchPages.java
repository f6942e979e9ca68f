package org.proservice.fhir;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Search parameters checked against {@link FhirCapabilities} and the result cut into {@code searchset} pages with
 * {@code self}, {@code next} and {@code previous} links ({@code _offset}; the other parameters kept).
 */
final class SearchPages {

    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 200;
    /** Parameters every search accepts and ignores: the format is always JSON. */
    static final Set<String> IGNORED = Set.of("_format", "_pretty");

    private SearchPages() {
    }

    /** Refuses any parameter the CapabilityStatement does not declare for {@code type}. */
    static void checkParameters(String type, UriInfo uri) {
        Set<String> allowed = FhirCapabilities.RESOURCES.get(type).paramNames();
        for (String name : uri.getQueryParameters().keySet()) {
            if (!allowed.contains(name) && !IGNORED.contains(name)) {
                throw FhirDates.invalid(name, "not a supported search parameter of " + type + "; see metadata");
            }
        }
        for (var e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() > 1 && !IGNORED.contains(e.getKey())) {
                throw FhirDates.invalid(e.getKey(), "give it once");
            }
        }
    }

    static boolean ascending(String sort, String field) {
        if (sort == null || sort.equals("-" + field)) {
            return false;
        }
        if (sort.equals(field)) {
            return true;
        }
        throw FhirDates.invalid("_sort", "use " + field + " or -" + field);
    }

    static Bundle page(List<Resource> all, String base, UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        int count = intParam(q.getFirst("_count"), "_count", DEFAULT_COUNT);
        int offset = intParam(q.getFirst("_offset"), "_offset", 0);
        if (count < 1 || count > MAX_COUNT) {
            throw FhirDates.invalid("_count", "between 1 and " + MAX_COUNT);
        }
        if (offset < 0) {
            throw FhirDates.invalid("_offset", "0 or more");
        }
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(all.size());
        b.setId(java.util.UUID.randomUUID().toString());
        for (Resource r : all.subList(Math.min(offset, all.size()), Math.min(offset + count, all.size()))) {
            b.addEntry().setFullUrl(base + "/" + r.fhirType() + "/" + r.getIdPart()).setResource(r).getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        b.addLink().setRelation("self").setUrl(link(uri, offset, count));
        if (offset + count < all.size()) {
            b.addLink().setRelation("next").setUrl(link(uri, offset + count, count));
        }
        if (offset > 0) {
            b.addLink().setRelation("previous").setUrl(link(uri, Math.max(0, offset - count), count));
        }
        return b;
    }

    private static String link(UriInfo uri, int offset, int count) {
        UriBuilder builder = uri.getRequestUriBuilder().replaceQueryParam("_offset", offset)
                .replaceQueryParam("_count", count);
        return builder.build().toString();
    }

    private static int intParam(String value, String name, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw FhirDates.invalid(name, "an integer");
        }
    }
}
