package org.proservice.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class AuditDtos {

    private AuditDtos() {
    }

    @Schema(name = "AuditEvent", description = "One entry of the append-only audit trail")
    public record AuditEventView(
            @Schema(example = "1042") long id,
            Instant occurredAt,
            @Schema(example = "9b1f0c52-clinician-sub") String actorSubject,
            @Schema(nullable = true, example = "clinician", description = "Role(s) the token carried, comma-separated "
                    + "when several; null when the caller had none") String actorRole,
            @Schema(example = "read") String action,
            @Schema(example = "patient") String resourceType,
            @Schema(nullable = true) String resourceId,
            @Schema(nullable = true) UUID patientId,
            @Schema(nullable = true) UUID studyId,
            @Schema(enumeration = { "allowed", "denied" }) String outcome,
            @Schema(nullable = true, description = "The server's id of the request (generated for each request, "
                    + "never taken from the caller)") String requestId,
            @Schema(nullable = true, example = "client-req-0001", description = "The caller's own X-Request-Id, "
                    + "when it sent one of 8-64 characters of A-Z a-z 0-9 . _ : -; null otherwise")
            String clientRequestId,
            @Schema(nullable = true, type = SchemaType.OBJECT, description = "Extra facts (JSON values by name); "
                    + "never answer values") Map<String, Object> detail) {

        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id, e.occurredAt, e.actorSubject, e.actorRole, e.action, e.resourceType,
                    e.resourceId, e.patientId, e.studyId, e.outcome, e.requestId, e.clientRequestId, e.detail);
        }
    }

    @Schema(name = "AuditPage", description = "A page of audit events, newest first")
    public record AuditPage(List<AuditEventView> items,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last page")
            String nextCursor) {
    }
}
