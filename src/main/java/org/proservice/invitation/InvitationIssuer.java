package org.proservice.invitation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.proservice.invitation.InvitationDtos.InvitationView;
import org.proservice.schedule.Enrollment;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * Issues an invitation for an enrollment whose patient has no account bound yet, inside the caller's transaction
 * (enrollment or re-issue). The caller has checked access.
 */
@ApplicationScoped
public class InvitationIssuer {

    @Inject
    InvitationRepository invitations;
    @Inject
    InvitationSettings settings;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditLog audit;

    public InvitationView issue(Enrollment e, Instant now) {
        String code = InvitationCodes.generate();
        String normalised = InvitationCodes.normalise(code).orElseThrow();
        Invitation i = new Invitation();
        i.id = UUID.randomUUID();
        i.enrollmentId = e.id;
        i.patientId = e.patientId;
        i.studyId = e.studyId;
        i.codeHash = InvitationCodes.hash(normalised);
        i.status = Invitation.PENDING;
        i.issuedAt = now;
        i.expiresAt = now.plus(settings.ttl());
        i.issuedBy = caller.subject();
        invitations.persist(i);
        audit.event(AuditAction.CREATE, AuditResource.INVITATION).id(i.id).patient(e.patientId).study(e.studyId)
                .detail("enrollmentId", e.id.toString()).detail("expiresAt", i.expiresAt.toString()).allowed();
        String joinUrl = joinUrl(normalised);
        return new InvitationView(i.id, code, joinUrl, i.expiresAt, QrCodes.svg(joinUrl));
    }

    String joinUrl(String normalised) {
        String base = settings.joinUrl();
        return base + (base.contains("?") ? "&" : "?") + "code="
                + URLEncoder.encode(normalised, StandardCharsets.US_ASCII);
    }
}
