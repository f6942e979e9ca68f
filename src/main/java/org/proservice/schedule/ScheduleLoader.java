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
 * Loads the schedules of many enrollments with a fixed number of set-based queries (protocol versions, events,
 * time zones, excusals, completions), never one query per patient. Does not check access: callers pass only
 * enrollments the {@link org.proservice.security.AccessPolicy} let them reach.
 *
 * <p>The responses feature can use {@link #forEnrollment(Enrollment)} to find the task a submission answers and
 * {@link TaskStatusRule#classify} to judge its timing against the window.
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

    public EnrollmentSchedule forEnrollment(Enrollment enrollment) {
        return forEnrollments(List.of(enrollment)).get(0);
    }

    /** Schedules of a few enrollments (a patient's), in the given order. */
    public List<EnrollmentSchedule> forEnrollments(List<Enrollment> enrollments) {
        if (enrollments.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = enrollments.stream().map(e -> e.id).toList();
        Set<UUID> studies = enrollments.stream().map(e -> e.studyId).collect(Collectors.toSet());
        Set<UUID> patients = enrollments.stream().map(e -> e.patientId).collect(Collectors.toSet());
        List<PatientTimeZone> zoneRows = patients.size() == 1
                ? em.createQuery("select z from PatientTimeZone z where z.patientId = :p order by z.validFrom",
                        PatientTimeZone.class).setParameter("p", patients.iterator().next()).getResultList()
                : em.createQuery("select z from PatientTimeZone z where z.patientId in :p order by z.validFrom",
                        PatientTimeZone.class).setParameter("p", patients).getResultList();
        return assemble(enrollments, protocols.ofStudies(studies), events.listByEnrollments(ids), zoneRows,
                excusals.listByEnrollments(ids), completions.completions(ids));
    }

    /** Schedules of every given enrollment of one study, with queries scoped by the study rather than by ids. */
    public List<EnrollmentSchedule> forStudy(UUID studyId, List<Enrollment> enrollments) {
        if (enrollments.isEmpty()) {
            return List.of();
        }
        return assemble(enrollments, protocols.ofStudies(List.of(studyId)), events.listByStudy(studyId),
                em.createQuery("""
                        select z from PatientTimeZone z
                        where z.patientId in (select e.patientId from Enrollment e where e.studyId = :s)
                        order by z.validFrom""", PatientTimeZone.class).setParameter("s", studyId).getResultList(),
                excusals.listByStudy(studyId), completions.completionsOfStudy(studyId));
    }

    private static List<EnrollmentSchedule> assemble(List<Enrollment> enrollments, List<Version> versions,
            List<EventOccurrence> eventRows, List<PatientTimeZone> zoneRows, List<TaskExcusal> excusalRows,
            Map<UUID, Map<TaskKey, List<Instant>>> completed) {
        Map<String, Version> versionByKey = new HashMap<>();
        for (Version v : versions) {
            versionByKey.put(v.studyId() + "/" + v.version(), v);
        }
        Map<UUID, Map<String, LocalDate>> eventsByEnrollment = new HashMap<>();
        for (EventOccurrence ev : eventRows) {
            eventsByEnrollment.computeIfAbsent(ev.enrollmentId, k -> new HashMap<>()).put(ev.anchor, ev.localDate);
        }
        Map<UUID, List<ZoneHistory.Entry>> zonesByPatient = new HashMap<>();
        for (PatientTimeZone z : zoneRows) {
            zonesByPatient.computeIfAbsent(z.patientId, k -> new ArrayList<>())
                    .add(new ZoneHistory.Entry(z.validFrom, ZoneId.of(z.zoneId)));
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
