package org.proservice.scoring;

/** Flag codes exactly as SPEC writes them. */
public final class Flags {
    public static final String PRORATED = "prorated";
    public static final String INSUFFICIENT_ITEMS = "insufficient_items";
    public static final String ITEM9_POSITIVE = "item9_positive";
    public static final String ITEM9_MISSING = "item9_missing";
    public static final String MISSING_ITEMS = "missing_items";
    public static final String SEVERITY_INCOMPLETE = "severity_incomplete";
    public static final String INTERFERENCE_PARTIAL = "interference_partial";
    public static final String INTERFERENCE_INSUFFICIENT_ITEMS = "interference_insufficient_items";

    private Flags() {
    }
}
