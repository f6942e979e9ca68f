package org.proservice.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;

/** Validated filters of {@code GET /api/v1/audit}; each bad parameter is named in the 400. */
record AuditQuery(UUID patient, String actor, Instant from, Instant to, int limit, AuditCursor cursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static AuditQuery parse(String patient, String actor, String from, String to, String limit, String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID patientId = null;
        if (patient != null && !patient.isBlank()) {
            try {
                patientId = UUID.fromString(patient);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("patient", "invalid_uuid", "must be a patient id (UUID)"));
            }
        }
        if (actor != null && actor.length() > 255) {
            errors.add(new Problem.FieldError("actor", "too_long", "must be at most 255 characters"));
        }
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new Problem.FieldError("to", "before_from", "must be after from"));
        }
        int effectiveLimit = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                effectiveLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                effectiveLimit = -1;
            }
        }
        if (effectiveLimit < 1 || effectiveLimit > MAX_LIMIT) {
            errors.add(new Problem.FieldError("limit", "out_of_range", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " parameter(s) are invalid", errors);
        }
        AuditCursor decoded = cursor == null || cursor.isEmpty() ? null : AuditCursor.decode(cursor);
        return new AuditQuery(patientId, actor == null || actor.isBlank() ? null : actor, fromInstant, toInstant,
                effectiveLimit, decoded);
    }

    private static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "invalid_instant",
                    "must be an ISO-8601 instant, e.g. 2026-03-09T00:00:00Z"));
            return null;
        }
    }
}
