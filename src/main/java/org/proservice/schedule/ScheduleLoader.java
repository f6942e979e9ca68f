package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.proservice.patient.PatientTimeZone;
import org.proservice.schedule.TaskPlanner.EnrollmentFacts;
import org.proservice.schedule.TaskPlanner.TaskKey;
import org.proservice.study.protocol.ProtocolCache;
import org.proservice.study.protocol.ProtocolCache.Version;

/**
 * Loads the schedules of many enrollments with a fixed number of set-based queries, never one query per patient:
 * a patient's enrollments with two (the schedule's rows, then the completions), a whole study's with five. Does not
 * check access: callers pass only enrollments the {@link org.proservice.security.AccessPolicy} let them reach.
 *
 * <p>The responses feature uses {@link #forEnrollmentIgnoringResponses(Enrollment)} to find the task a new
 * submission answers and {@link TaskStatusRule#classify} to judge its timing against the window, and
 * {@link #forEnrollment(Enrollment)} where a task's status must count its responses (the FHIR open-task match).
 */
@ApplicationScoped
public class ScheduleLoader {

    @Inject
    EntityManager em;

    @Inject
    ProtocolCache protocols;

    @Inject
    EventOccurrenceRepository events;

    @Inject
    TaskExcusalRepository excusals;

    @Inject
    TaskCompletionSource completions;

    @Inject
    ScheduleFactsRepository facts;

    public EnrollmentSchedule forEnrollment(Enrollment enrollment) {
        return forEnrollments(List.of(enrollment)).get(0);
    }

    /**
     * Schedules of a few enrollments (a patient's), in the given order: two statements, the schedule's own rows
     * ({@link ScheduleFactsRepository}) and the task completions.
     */
    public List<EnrollmentSchedule> forEnrollments(List<Enrollment> enrollments) {
        return load(enrollments, true);
    }

    /**
     * The schedule of one enrollment as if none of its tasks had a response: windows, timing and excusals as
     * {@link #forEnrollment}, one statement fewer. For judging a new submission's timing, where a task that already
     * has its response is refused by the response table itself (one original response per task, a unique index),
     * not by the task's status.
     */
    public EnrollmentSchedule forEnrollmentIgnoringResponses(Enrollment enrollment) {
        return load(List.of(enrollment), false).get(0);
    }

    private List<EnrollmentSchedule> load(List<Enrollment> enrollments, boolean withCompletions) {
        if (enrollments.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = enrollments.stream().map(e -> e.id).toList();
        Set<UUID> studies = enrollments.stream().map(e -> e.studyId).collect(Collectors.toSet());
        Set<UUID> patients = enrollments.stream().map(e -> e.patientId).collect(Collectors.toSet());
        ScheduleFactsRepository.Rows rows = facts.read(patients, studies, ids);
        List<Version> versions = rows.versions().stream()
                .map(v -> new Version(v.id(), v.studyId(), v.version(), protocols.protocol(v.id()))).toList();
        return assemble(enrollments, versions, rows.eventsByEnrollment(), rows.zonesByPatient(), rows.excusals(),
                withCompletions ? completions.completions(ids) : Map.of());
    }

    /** Schedules of every given enrollment of one study, with queries scoped by the study rather than by ids. */
    public List<EnrollmentSchedule> forStudy(UUID studyId, List<Enrollment> enrollments) {
        if (enrollments.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, LocalDate>> eventsByEnrollment = new HashMap<>();
        for (EventOccurrence ev : events.listByStudy(studyId)) {
            eventsByEnrollment.computeIfAbsent(ev.enrollmentId, k -> new HashMap<>()).put(ev.anchor, ev.localDate);
        }
        Map<UUID, List<ZoneHistory.Entry>> zonesByPatient = new HashMap<>();
        for (PatientTimeZone z : em.createQuery("""
                select z from PatientTimeZone z
                where z.patientId in (select e.patientId from Enrollment e where e.studyId = :s)""",
                PatientTimeZone.class).setParameter("s", studyId).getResultList()) {
            zonesByPatient.computeIfAbsent(z.patientId, k -> new ArrayList<>())
                    .add(new ZoneHistory.Entry(z.validFrom, ZoneId.of(z.zoneId)));
        }
        return assemble(enrollments, protocols.ofStudies(List.of(studyId)), eventsByEnrollment, zonesByPatient,
                excusals.listByStudy(studyId), completions.completionsOfStudy(studyId));
    }

    private static List<EnrollmentSchedule> assemble(List<Enrollment> enrollments, List<Version> versions,
            Map<UUID, Map<String, LocalDate>> eventsByEnrollment, Map<UUID, List<ZoneHistory.Entry>> zonesByPatient,
            List<TaskExcusal> excusalRows, Map<UUID, Map<TaskKey, List<Instant>>> completed) {
        Map<String, Version> versionByKey = new HashMap<>();
        for (Version v : versions) {
            versionByKey.put(v.studyId() + "/" + v.version(), v);
        }
        Map<UUID, Map<TaskKey, TaskExcusal>> excusalsByEnrollment = new HashMap<>();
        for (TaskExcusal x : excusalRows) {
            excusalsByEnrollment.computeIfAbsent(x.enrollmentId, k -> new HashMap<>())
                    .put(new TaskKey(x.timepointKey, x.instrumentId), x);
        }
        List<EnrollmentSchedule> result = new ArrayList<>(enrollments.size());
        for (Enrollment e : enrollments) {
            String key = e.studyId + "/" + e.protocolVersion;
            Optional<Version> version = Optional.ofNullable(versionByKey.get(key));
            Map<TaskKey, TaskExcusal> excused = excusalsByEnrollment.getOrDefault(e.id, Map.of());
            Optional<EnrollmentFacts> facts = version.map(v -> new EnrollmentFacts(e.armCode, e.enrollmentDate,
                    v.protocol(),
                    eventsByEnrollment.getOrDefault(e.id, Map.of()), zones(zonesByPatient.get(e.patientId)),
                    excused.keySet(), completed.getOrDefault(e.id, Map.of())));
            result.add(new EnrollmentSchedule(e, version, facts, excused));
        }
        return result;
    }

    private static ZoneHistory zones(List<ZoneHistory.Entry> entries) {
        return entries == null || entries.isEmpty() ? ZoneHistory.single(ZoneId.of("UTC")) : ZoneHistory.of(entries);
    }
}
