package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.proservice.schedule.AdherenceDtos.AdherenceView;
import org.proservice.schedule.AdherenceDtos.Cell;
import org.proservice.schedule.AdherenceDtos.Overdue;
import org.proservice.schedule.AdherenceDtos.StatusCounts;
import org.proservice.schedule.TaskPlanner.PlannedTask;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.study.StudyArm;
import org.proservice.study.StudyArmRepository;
import org.proservice.study.protocol.Protocol;
import org.proservice.study.protocol.ProtocolVersionRepository;
import org.proservice.study.protocol.Timepoint;

/**
 * Adherence of a study: per arm x timepoint the number of tasks in each status, and the overdue list.
 *
 * <p>Cost: a constant number of set-based queries for the whole study (enrollments, protocol versions, events,
 * time zones, excusals, completions), then the tasks are derived in Java, O(patients x tasks per patient) time and
 * memory per request. Fine for the pilot and for studies of some thousand patients; beyond that the derivation
 * should move into SQL or a materialized task table.
 */
@ApplicationScoped
public class AdherenceService {

    /** An open task whose deadline is at most this far away is {@code closing_soon}. */
    public static final Duration CLOSING_SOON = Duration.ofHours(24);

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    EnrollmentRepository enrollments;
    @Inject
    StudyArmRepository arms;
    @Inject
    ProtocolVersionRepository versions;
    @Inject
    ScheduleLoader loader;

    private static final class Counter {
        final EnumMap<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        final Set<UUID> patients = new HashSet<>();
        String label;
        int tasks;

        void add(UUID patient, TaskStatus status) {
            patients.add(patient);
            tasks++;
            counts.merge(status, 1, Integer::sum);
        }

        StatusCounts toCounts() {
            return new StatusCounts(n(TaskStatus.NOT_SCHEDULED), n(TaskStatus.NOT_YET_OPEN), n(TaskStatus.OPEN),
                    n(TaskStatus.COMPLETED), n(TaskStatus.COMPLETED_LATE), n(TaskStatus.MISSED), n(TaskStatus.EXCUSED));
        }

        private int n(TaskStatus s) {
            return counts.getOrDefault(s, 0);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AdherenceView adherence(UUID studyId) {
        policy.requireStudyStaff(studyId, AuditAction.READ);
        Instant now = Instant.now();
        List<Enrollment> all = enrollments.listByStudy(studyId);
        List<StudyArm> studyArms = arms.listByStudy(studyId);

        // Cells in a stable order: arms as declared x timepoints of the latest version, then any others seen.
        Map<String, Counter> cells = new LinkedHashMap<>();
        versions.latest(studyId).map(v -> v.protocol()).ifPresent(p -> {
            for (StudyArm arm : studyArms) {
                for (Timepoint tp : p.timepointsFor(arm.code)) {
                    cells.computeIfAbsent(arm.code + "\u0000" + tp.key(), k -> new Counter()).label = tp.label();
                }
            }
        });
        List<Overdue> closingSoon = new ArrayList<>();
        List<Overdue> missed = new ArrayList<>();
        for (EnrollmentSchedule s : loader.forStudy(studyId, all)) {
            Enrollment e = s.enrollment();
            if (s.facts().isEmpty()) {
                continue;
            }
            Protocol protocol = s.facts().get().protocol();
            Map<String, List<PlannedTask>> overdueByTimepoint = new LinkedHashMap<>();
            for (PlannedTask t : s.tasks(now)) {
                Counter c = cells.computeIfAbsent(e.armCode + "\u0000" + t.timepoint().key(), k -> new Counter());
                if (c.label == null) {
                    c.label = t.timepoint().label();
                }
                c.add(e.patientId, t.status());
                String reason = overdueReason(t, protocol.graceHours(), now);
                if (reason != null) {
                    overdueByTimepoint.computeIfAbsent(t.timepoint().key() + "\u0000" + reason, k -> new ArrayList<>())
                            .add(t);
                }
            }
            overdueByTimepoint.forEach((k, tasks) -> {
                PlannedTask first = tasks.get(0);
                String reason = k.substring(k.indexOf('\u0000') + 1);
                Overdue o = new Overdue(e.patientId, e.subjectCode, e.armCode, first.timepoint().key(),
                        first.timepoint().label(), reason, tasks.stream().map(PlannedTask::instrumentId).toList(),
                        TaskStatusRule.deadline(first.window(), protocol.graceHours()));
                (reason.equals("missed") ? missed : closingSoon).add(o);
            });
        }
        closingSoon.sort(Comparator.comparing(Overdue::deadline).thenComparing(Overdue::subjectCode));
        missed.sort(Comparator.comparing(Overdue::deadline).reversed().thenComparing(Overdue::subjectCode));
        List<Overdue> overdue = new ArrayList<>(closingSoon);
        overdue.addAll(missed);

        List<Cell> cellViews = new ArrayList<>();
        cells.forEach((k, c) -> {
            int sep = k.indexOf('\u0000');
            cellViews.add(new Cell(k.substring(0, sep), k.substring(sep + 1), c.label, c.patients.size(), c.tasks,
                    c.toCounts()));
        });
        // the cells are counts; the overdue list names patients: one audit row for each of them
        audit.event(AuditAction.READ, AuditResource.ADHERENCE).id(studyId).study(studyId)
                .patients(overdue.stream().map(Overdue::patientId).toList()).detail("patients", all.size())
                .allowed();
        return new AdherenceView(studyId, now, all.size(), cellViews, overdue);
    }

    /** {@code missed}, {@code closing_soon} (open and the deadline within 24 h), or null. */
    static String overdueReason(PlannedTask t, int graceHours, Instant now) {
        if (t.status() == TaskStatus.MISSED) {
            return "missed";
        }
        if (t.status() == TaskStatus.OPEN
                && !TaskStatusRule.deadline(t.window(), graceHours).isAfter(now.plus(CLOSING_SOON))) {
            return "closing_soon";
        }
        return null;
    }
}
