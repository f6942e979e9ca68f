package org.proservice.study;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.proservice.error.Problem;
import org.proservice.error.ProblemException;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.StudyDtos.ArmView;
import org.proservice.study.StudyDtos.NewArm;
import org.proservice.study.StudyDtos.NewStudy;
import org.proservice.study.StudyDtos.StaffView;
import org.proservice.study.StudyDtos.StudyView;

/** Studies, their arms and staff. Access: {@link AccessPolicy}; configuration changes are audited. */
@ApplicationScoped
public class StudyService {

    @Inject
    StudyRepository studies;
    @Inject
    StudyArmRepository arms;
    @Inject
    StudyStaffRepository staff;
    @Inject
    AccessPolicy policy;
    @Inject
    CurrentCaller caller;
    @Inject
    AuditLog audit;

    @Transactional
    public StudyView create(NewStudy request) {
        rejectDuplicateArmCodes(request.arms());
        Instant now = now();
        Study study = new Study();
        study.id = UUID.randomUUID();
        study.name = request.name().strip();
        study.description = request.description();
        study.createdAt = now;
        study.createdBy = caller.subject();
        studies.persist(study);
        int position = 0;
        for (NewArm a : request.arms()) {
            StudyArm arm = new StudyArm();
            arm.id = UUID.randomUUID();
            arm.studyId = study.id;
            arm.code = a.code();
            arm.label = a.label().strip();
            arm.position = position++;
            arms.persist(arm);
        }
        audit.event(AuditAction.CREATE, AuditResource.STUDY).id(study.id).study(study.id).allowed();
        return view(study, arms.listByStudy(study.id), List.of());
    }

    /** Admin: every study. Clinician: the studies the caller is staff of. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StudyView> list() {
        List<Study> visible = caller.isAdmin() ? studies.listAllOrdered()
                : studies.listByIds(policy.visibleStudyIds());
        List<UUID> ids = visible.stream().map(s -> s.id).toList();
        Map<UUID, List<StudyArm>> armsByStudy = arms.listByStudies(ids).stream()
                .collect(Collectors.groupingBy(a -> a.studyId));
        Map<UUID, List<StudyStaff>> staffByStudy = staff.listByStudies(ids).stream()
                .collect(Collectors.groupingBy(m -> m.studyId));
        return visible.stream()
                .map(s -> view(s, armsByStudy.getOrDefault(s.id, List.of()), staffByStudy.getOrDefault(s.id, List.of())))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StudyView get(UUID studyId) {
        Study study = policy.requireStudyRead(studyId);
        return view(study, arms.listByStudy(studyId), staff.listByStudy(studyId));
    }

    /** Adds the subject to the study's staff, or changes its role. Returns whether the member is new. */
    @Transactional
    public StaffResult putStaff(UUID studyId, String subject, String role) {
        policy.requireStudyConfig(studyId, AuditAction.UPDATE);
        String effectiveRole = role == null ? "clinician" : role;
        var existing = staff.findMember(studyId, subject);
        StudyStaff member = existing.orElseGet(StudyStaff::new);
        boolean created = existing.isEmpty();
        if (created) {
            member.id = UUID.randomUUID();
            member.studyId = studyId;
            member.subject = subject;
            member.addedAt = now();
            member.addedBy = caller.subject();
            member.role = effectiveRole;
            staff.persist(member);
        } else {
            member.role = effectiveRole;
        }
        audit.event(created ? AuditAction.CREATE : AuditAction.UPDATE, AuditResource.STUDY_STAFF).id(subject)
                .study(studyId).detail("role", effectiveRole).allowed();
        return new StaffResult(created, staffView(member));
    }

    @Transactional
    public void removeStaff(UUID studyId, String subject) {
        policy.requireStudyConfig(studyId, AuditAction.DELETE);
        StudyStaff member = staff.findMember(studyId, subject)
                .orElseThrow(() -> ProblemException.notFound("Staff member"));
        staff.delete(member);
        audit.event(AuditAction.DELETE, AuditResource.STUDY_STAFF).id(subject).study(studyId).detail("role", member.role)
                .allowed();
    }

    public record StaffResult(boolean created, StaffView member) {
    }

    private static void rejectDuplicateArmCodes(List<NewArm> requested) {
        Set<String> seen = new HashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!seen.add(requested.get(i).code())) {
                errors.add(new Problem.FieldError("arms[" + i + "].code", "duplicate",
                        "another arm of this study has the same code"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Arm codes must be unique within a study", errors);
        }
    }

    private static StudyView view(Study s, List<StudyArm> studyArms, List<StudyStaff> members) {
        return new StudyView(s.id, s.name, s.description,
                studyArms.stream().map(a -> new ArmView(a.code, a.label)).toList(),
                members.stream().map(StudyService::staffView).toList(),
                s.createdAt, s.createdBy);
    }

    private static StaffView staffView(StudyStaff m) {
        return new StaffView(m.subject, m.role, m.addedAt, m.addedBy);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
