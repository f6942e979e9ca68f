package org.proservice.study.protocol;

import java.util.List;
import java.util.Set;

/**
 * The instrument ids a protocol may name. The instrument catalog (issue 3) is the source of truth for their
 * content; these ids are fixed by the design ({@code phq9}, {@code gad7}, {@code pcl5}, {@code bpi-sf}).
 */
public final class KnownInstruments {

    /** In the order the catalog lists them. */
    public static final List<String> ORDERED = List.of("phq9", "gad7", "pcl5", "bpi-sf");
    public static final Set<String> IDS = Set.copyOf(ORDERED);

    private KnownInstruments() {
    }
}
