package org.proservice.study.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.schedule.Enrollment;
import org.proservice.schedule.EnrollmentRepository;
import org.proservice.schedule.TaskReminders;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.StudyRepository;
import org.proservice.study.protocol.ProtocolDtos.NewProtocolVersion;
import org.proservice.study.protocol.ProtocolDtos.ProtocolVersionView;

/**
 * Publishes and reads protocol versions. Publishing locks the study row, so versions are numbered 1, 2, 3 ...
 * without gaps or races, and an enrollment running at the same time (which share-locks the row) lands either
 * before the publication (and is migrated with the others) or after it (and gets the new version).
 */
@ApplicationScoped
public class ProtocolVersionService {

    @Inject
    AccessPolicy policy;

    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller caller;

    @Inject
    StudyRepository studies;

    @Inject
    StudyArmRepository arms;

    @Inject
    ProtocolVersionRepository versions;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    TaskReminders reminders;

    @Inject
    org.proservice.instrument.InstrumentCatalog catalog;

    @Transactional
    public ProtocolVersionView publish(UUID studyId, NewProtocolVersion body) {
        policy.requireStudyConfig(studyId, AuditAction.CREATE);
        studies.findById(studyId, LockModeType.PESSIMISTIC_WRITE);
        int next = versions.nextVersion(studyId);
        Set<String> armCodes = arms.listByStudy(studyId).stream().map(a -> a.code).collect(Collectors.toSet());
        ProtocolValidator.Result result = new ProtocolValidator(java.util.Set.copyOf(catalog.ids()), armCodes)
                .validate(body == null ? null : body.toDraft());
        List<FieldError> errors = new ArrayList<>();
        if (body != null && body.migrateEnrolled() == null && next > 1) {
            errors.add(new FieldError("migrateEnrolled", "required",
                    "say whether enrolled patients move to the new version (true or false)"));
        }
        result.violations().forEach(v -> errors.add(new FieldError(v.field(), v.code(), v.message())));
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_PROTOCOL,
                    errors.size() + " problem(s) in the protocol definition", errors);
        }
        Protocol protocol = result.protocol().orElseThrow();
        boolean migrate = Boolean.TRUE.equals(body.migrateEnrolled());
        List<Enrollment> moving = migrate ? enrollments.list("studyId = ?1 and protocolVersion <> ?2", studyId, next)
                : List.of();

        ProtocolVersion v = ProtocolVersion.of(studyId, next, protocol, migrate, moving.size(), caller.subject(),
                Instant.now());
        versions.persist(v);
        v.timepointRows().forEach(row -> row.persist());

        for (Enrollment e : moving) {
            int from = e.protocolVersion;
            e.protocolVersion = next;
            audit.event(AuditAction.UPDATE, AuditResource.ENROLLMENT).id(e.id).patient(e.patientId).study(studyId)
                    .detail("protocolVersionFrom", from).detail("protocolVersionTo", next).allowed();
        }
        // The moved patients' tasks follow the new version: their pending reminders move with them (same keys).
        reminders.replanInStudy(studyId, moving);
        audit.event(AuditAction.CREATE, AuditResource.PROTOCOL_VERSION).id(studyId + "/" + next).study(studyId)
                .detail("version", next).detail("migrateEnrolled", migrate)
                .detail("migratedEnrollments", moving.size()).allowed();
        return ProtocolVersionView.of(v);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProtocolVersionView get(UUID studyId, int version) {
        policy.requireStudyRead(studyId);
        return versions.find(studyId, version).map(ProtocolVersionView::of)
                .orElseThrow(() -> ProblemException.notFound("Protocol version"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProtocolVersionView> list(UUID studyId) {
        policy.requireStudyRead(studyId);
        return versions.listByStudy(studyId).stream().map(ProtocolVersionView::of).toList();
    }
}
