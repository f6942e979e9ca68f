package org.proservice.security;

/**
 * What kind of thing an audit event is about. Written to {@code audit_event.resource_type} (the {@code
 * resourceType} of {@code GET /api/v1/audit}) as {@link #wireName()}, the lower-case name; never renamed, only
 * added.
 */
public enum AuditResource {
    PATIENT, STUDY, STUDY_STAFF, PROTOCOL_VERSION, PATIENT_SETTINGS,
    ENROLLMENT, EVENT_OCCURRENCE, TASK, TASK_EXCUSAL, PATIENT_TIME_ZONE,
    RESPONSE, SCORE_SERIES, STUDY_SUMMARY, ADHERENCE, ALERT, INVITATION, PATIENT_REPORT,
    AUDIT_LOG, WEBHOOK_SUBSCRIPTION, WEBHOOK_DELIVERY,
    FHIR_PATIENT, FHIR_QUESTIONNAIRE_RESPONSE, FHIR_OBSERVATION, FHIR_FLAG, FHIR_BUNDLE,
    /** An endpoint as such: a refusal written by {@link RefusalAudit} (no service named a resource). */
    ENDPOINT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
