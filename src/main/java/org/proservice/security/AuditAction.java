package org.proservice.security;

/**
 * What a caller does with a resource. Written to the audit trail ({@code audit_event.action}, the {@code action}
 * of {@code GET /api/v1/audit}) as {@link #wireName()}, the lower-case name; the names are part of the audit
 * contract, so a value is never renamed, only added.
 */
public enum AuditAction {
    READ, CREATE, UPDATE, DELETE,
    /** Rows leave the service as a file (CSV exports). */
    EXPORT,
    /** A stored response is corrected by a new version that supersedes it. */
    AMEND,
    /** A webhook delivery is queued again by hand. */
    REDELIVER,
    /** One attempt to deliver a webhook notice to its receiver (by the delivery worker, actor {@code system}). */
    DELIVER,
    /** An invitation code is claimed by a patient. */
    CLAIM,
    /** An invitation is revoked. */
    REVOKE,
    /** Alert lifecycle steps. */
    ACKNOWLEDGE, RESOLVE,
    /** A call of an endpoint as such, refused before any service ran (role or refusal written by the filter). */
    CALL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
