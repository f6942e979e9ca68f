package org.proservice.security;

/** Outcome of an access, as written to the audit trail. */
public enum Outcome {
    ALLOWED, DENIED;

    public String dbValue() {
        return name().toLowerCase();
    }
}
