package org.proservice.security;

/** The three roles a token's {@code groups} claim may carry. */
public final class Roles {
    public static final String PATIENT = "patient";
    public static final String CLINICIAN = "clinician";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
