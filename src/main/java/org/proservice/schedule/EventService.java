package org.proservice.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.proservice.error.ErrorCode;
import org.proservice.error.Problem.FieldError;
import org.proservice.error.ProblemException;
import org.proservice.patient.Patient;
import org.proservice.patient.PatientTimeZoneRepository;
import org.proservice.schedule.ScheduleDtos.EventView;
import org.proservice.schedule.ScheduleDtos.NewEvent;
import org.proservice.security.AccessPolicy;
import org.proservice.security.AuditAction;
import org.proservice.security.AuditLog;
import org.proservice.security.AuditResource;
import org.proservice.security.CurrentCaller;
import org.proservice.study.protocol.Protocol;
import org.proservice.study.protocol.ProtocolVersionRepository;

/**
 * Records the local date of a patient's anchor events. Recording an event again corrects its date: the row is
 * updated, its revision bumped, and the audit trail keeps the previous date (dates only; no free text). New dates and
 * corrections alike obey {@link EventDateRules} (not after the patient's local today, anchors in protocol order).
 */
@ApplicationScoped
public class EventService {

    @Inject
    AccessPolicy policy;
    @Inject
    AuditLog audit;
    @Inject
    CurrentCaller caller;
    @Inject
    EntityManager em;
    @Inject
    PatientEnrollments patientEnrollments;
    @Inject
    ProtocolVersionRepository versions;
    @Inject
    EventOccurrenceRepository events;
    @Inject
    TaskReminders reminders;
    @Inject
    PatientTimeZoneRepository zones;

    /** The recorded event and whether it was new (201) rather than a correction or a repeat (200). */
    public record Recorded(boolean created, EventView event) {
    }

    @Transactional
    public Recorded record(UUID patientId, NewEvent body) {
        Patient p = policy.requirePatient(patientId, AuditAction.UPDATE);
        Enrollment e = patientEnrollments.resolve(patientEnrollments.ofStaff(p.id), body.studyId(),
                ErrorCode.INVALID_EVENT);
        em.lock(e, LockModeType.PESSIMISTIC_WRITE); // one writer of this enrollment's events at a time
        Protocol protocol = versions.find(e.studyId, e.protocolVersion).orElseThrow(() -> new ProblemException(
                ErrorCode.NO_PROTOCOL_VERSION, "The patient's protocol version does not exist")).protocol();
        if (!protocol.hasEventAnchor(body.anchor())) {
            String message = Protocol.ENROLLMENT.equals(body.anchor())
                    ? "the enrollment date is set at enrollment, not recorded as an event"
                    : "not an event of protocol version " + e.protocolVersion + "; events: "
                            + String.join(", ", protocol.eventAnchors());
            throw new ProblemException(ErrorCode.INVALID_EVENT, "Unknown anchor event",
                    List.of(new FieldError("anchor", "unknown_anchor", message)));
        }
        if (body.date().isBefore(e.enrollmentDate)) {
            throw new ProblemException(ErrorCode.INVALID_EVENT, "The event cannot precede enrollment",
                    List.of(new FieldError("date", "before_enrollment",
                            "must not be before the enrollment date " + e.enrollmentDate)));
        }
        Instant now = Instant.now();
        Map<String, LocalDate> recorded = new HashMap<>();
        events.listByEnrollments(List.of(e.id)).forEach(o -> recorded.put(o.anchor, o.localDate));
        EventDateRules.check(body.anchor(), body.date(), LocalDate.ofInstant(now, zoneNow(p.id, now)),
                protocol.eventAnchors(), recorded);
        Optional<EventOccurrence> existing = events.find(e.id, body.anchor());
        Map<String, Object> detail = new HashMap<>();
        detail.put("anchor", body.anchor());
        detail.put("date", body.date().toString());
        if (existing.isPresent()) {
            EventOccurrence ev = existing.get();
            LocalDate previous = ev.localDate;
            boolean changed = !previous.equals(body.date());
            if (changed) {
                ev.localDate = body.date();
                ev.revision++;
                ev.recordedAt = now;
                ev.recordedBy = caller.subject();
                detail.put("previousDate", previous.toString());
                detail.put("revision", ev.revision);
            } else {
                detail.put("unchanged", true);
            }
            audit.event(AuditAction.UPDATE, AuditResource.EVENT_OCCURRENCE).id(ev.id).patient(p.id).study(e.studyId)
                    .detail(detail).allowed();
            if (changed) {
                reminders.replan(e); // the windows anchored on this event moved: so do their pending reminders
            }
            return new Recorded(false, view(e, ev, changed ? previous : null));
        }
        EventOccurrence ev = new EventOccurrence();
        ev.id = UUID.randomUUID();
        ev.enrollmentId = e.id;
        ev.patientId = p.id;
        ev.anchor = body.anchor();
        ev.localDate = body.date();
        ev.revision = 1;
        ev.recordedAt = now;
        ev.recordedBy = caller.subject();
        events.persist(ev);
        try {
            em.flush();
        } catch (PersistenceException ex) {
            if (Constraints.violated(ex, "event_occurrence_uq")) {
                throw new ProblemException(ErrorCode.CONFLICT, "The event was recorded concurrently; retry");
            }
            throw ex;
        }
        audit.event(AuditAction.CREATE, AuditResource.EVENT_OCCURRENCE).id(ev.id).patient(p.id).study(e.studyId)
                .detail(detail).allowed();
        reminders.replan(e);
        return new Recorded(true, view(e, ev, null));
    }

    private ZoneId zoneNow(UUID patientId, Instant now) {
        List<ZoneHistory.Entry> entries = zones.history(patientId).stream()
                .map(z -> new ZoneHistory.Entry(z.validFrom, ZoneId.of(z.zoneId))).toList();
        return entries.isEmpty() ? ZoneId.of("UTC") : ZoneHistory.of(entries).zoneAt(now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EventView> list(UUID patientId) {
        Patient p = policy.requirePatient(patientId, AuditAction.READ);
        List<Enrollment> visible = patientEnrollments.ofStaff(p.id);
        Map<UUID, Enrollment> byId = new HashMap<>();
        visible.forEach(e -> byId.put(e.id, e));
        List<EventView> views = events.listByEnrollments(byId.keySet()).stream()
                .map(ev -> view(byId.get(ev.enrollmentId), ev, null)).toList();
        audit.event(AuditAction.READ, AuditResource.EVENT_OCCURRENCE).patient(p.id)
                .study(visible.size() == 1 ? visible.get(0).studyId : null).allowed();
        return views;
    }

    private static EventView view(Enrollment e, EventOccurrence ev, LocalDate previous) {
        return new EventView(e.studyId, ev.anchor, ev.localDate, ev.revision, previous, ev.recordedAt, ev.recordedBy);
    }
}
