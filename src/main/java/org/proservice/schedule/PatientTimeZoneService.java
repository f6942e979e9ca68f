package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientTimeZone;
import org.proservice.patient.PatientTimeZoneRepository;
import org.proservice.schedule.ScheduleDtos.NewTimeZone;
import org.proservice.schedule.ScheduleDtos.TimeZoneEntryView;
import org.proservice.schedule.ScheduleDtos.TimeZoneHistoryView;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;

/**
 * A patient's time-zone history. A change is appended (never edited) and takes effect at {@code effectiveFrom}
 * (default now), which must be after the latest entry, so windows that closed before it keep their instants.
 */
@ApplicationScoped
public class PatientTimeZoneService {

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    EntityManager em;
    @Inject
    PatientTimeZoneRepository zones;
    @Inject
    EnrollmentRepository enrollments;
    @Inject
    TaskReminders reminders;

    /** The outcome of a change request: {@code created} false when the zone was already in force (no new entry). */
    public record Changed(boolean created, TimeZoneHistoryView history) {
    }

    @Transactional
    public Changed change(UUID patientId, NewTimeZone body) {
        Patient p = policy.requirePatient(patientId, AuditAction.UPDATE);
        ZoneId zone = TimeZones.parse(body.timeZone()).orElseThrow(() -> new ProblemException(
                ErrorCode.INVALID_TIME_ZONE_CHANGE, "Unknown time zone", List.of(new FieldError("timeZone",
                        "unknown_time_zone", "must be an IANA time-zone id such as Europe/Berlin"))));
        Instant now = Instant.now();
        Instant from = body.effectiveFrom() == null ? now : body.effectiveFrom();
        List<PatientTimeZone> history = zones.history(p.id);
        PatientTimeZone latest = history.isEmpty() ? null : history.get(history.size() - 1);
        if (latest != null && latest.zoneId.equals(zone.getId())) {
            return new Changed(false, view(p.id, zones.history(p.id)));
        }
        if (latest != null && !from.isAfter(latest.validFrom)) {
            throw new ProblemException(ErrorCode.INVALID_TIME_ZONE_CHANGE, "The change must follow the latest one",
                    List.of(new FieldError("effectiveFrom", "not_after_latest",
                            "must be after " + latest.validFrom + ", when the current zone took effect")));
        }
        PatientTimeZone z = new PatientTimeZone();
        z.id = UUID.randomUUID();
        z.patientId = p.id;
        z.zoneId = zone.getId();
        z.validFrom = from;
        z.recordedAt = now;
        z.recordedBy = caller.subject();
        zones.persist(z);
        try {
            em.flush();
        } catch (PersistenceException ex) {
            if (Constraints.violated(ex, "patient_time_zone_from_uq")) {
                throw new ProblemException(ErrorCode.CONFLICT, "Another change was recorded at the same time; retry");
            }
            throw ex;
        }
        Map<String, Object> detail = new HashMap<>();
        detail.put("timeZone", z.zoneId);
        detail.put("previousTimeZone", latest == null ? "none" : latest.zoneId);
        detail.put("effectiveFrom", from.toString());
        audit.event(AuditAction.UPDATE, AuditResource.PATIENT_TIME_ZONE).id(z.id).patient(p.id).detail(detail).allowed();
        // Windows of every study the patient is in follow the zone in force: move their pending reminders.
        reminders.replan(enrollments.listByPatient(p.id));
        return new Changed(true, view(p.id, zones.history(p.id)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TimeZoneHistoryView history(UUID patientId) {
        Patient p = policy.requirePatient(patientId, AuditAction.READ);
        audit.event(AuditAction.READ, AuditResource.PATIENT_TIME_ZONE).patient(p.id).allowed();
        return view(p.id, zones.history(p.id));
    }

    private static TimeZoneHistoryView view(UUID patientId, List<PatientTimeZone> rows) {
        String current = rows.isEmpty() ? null : ZoneHistory.of(rows.stream()
                .map(r -> new ZoneHistory.Entry(r.validFrom, ZoneId.of(r.zoneId))).toList()).zoneAt(Instant.now()).getId();
        return new TimeZoneHistoryView(patientId, current, rows.stream()
                .map(r -> new TimeZoneEntryView(r.zoneId, r.validFrom, r.recordedAt, r.recordedBy)).toList());
    }
}
