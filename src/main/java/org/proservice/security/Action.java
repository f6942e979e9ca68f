package org.proservice.security;

/** What a caller does with a resource; written to the audit trail as the lower-case name. */
public enum Action {
    READ, CREATE, UPDATE, DELETE;

    public String auditName() {
        return name().toLowerCase();
    }
}
