package org.proservice.scoring;

/** Flag codes the mission instruments' definitions raise, as the scoring tests name them. */
final class Flags {
    static final String PRORATED = "prorated";
    static final String INSUFFICIENT_ITEMS = "insufficient_items";
    static final String ITEM9_POSITIVE = "item9_positive";
    static final String ITEM9_MISSING = "item9_missing";
    static final String MISSING_ITEMS = "missing_items";
    static final String SEVERITY_INCOMPLETE = "severity_incomplete";
    static final String INTERFERENCE_PARTIAL = "interference_partial";
    static final String INTERFERENCE_INSUFFICIENT_ITEMS = "interference_insufficient_items";

    private Flags() {
    }
}
