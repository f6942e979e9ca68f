package org.proservice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.schedule.ScheduleApi.clinician;
import static org.proservice.schedule.ScheduleApi.enrolled;
import static org.proservice.schedule.ScheduleApi.protocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.recordEvent;
import static org.proservice.schedule.ScheduleApi.timepoint;
import static org.proservice.schedule.ScheduleApi.unique;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.proservice.patient.PatientTimeZone;
import org.proservice.study.protocol.ProtocolVersion;
import org.proservice.support.Fixtures;

/**
 * The schedule's rows come from one {@code UNION ALL} statement ({@link ScheduleFactsRepository}). What it reads
 * must be exactly what Hibernate reads from the same tables: every patient's zone history (several entries, microsecond
 * instants), every protocol version of the studies, every anchor date and every excusal column, grouped by the right
 * patient and enrollment when several are read together, plus an event persisted in the same transaction and not
 * flushed yet.
 */
@QuarkusTest
class ScheduleFactsRepositoryTest {

    static final String STAFF = "facts-staff";
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;
    @Inject
    ScheduleFactsRepository facts;
    @Inject
    EntityManager em;

    @Test
    void readsWhatHibernateReadsForSeveralPatientsAndEnrollments() {
        UUID studyA = study("facts-a");
        UUID studyB = study("facts-b");
        publish(studyB, protocol(List.of("session-1", "session-3"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9"), null, true),
                timepoint("T3", "session-3", 1, 0, 6, List.of("gad7"), null, false)), true)).statusCode(201);
        UUID p1 = enrolled(STAFF, studyA, "arm-a", today.minusDays(20), "America/New_York");
        UUID p2 = enrolled(STAFF, studyB, "arm-a", today.minusDays(10), "Europe/Zurich");
        clinician(STAFF).contentType(ContentType.JSON)
                .body(Map.of("timeZone", "Asia/Tokyo", "effectiveFrom",
                        Instant.now().minus(2, ChronoUnit.DAYS).plusNanos(123_456_000).toString()))
                .when().post("/api/v1/patients/{pid}/time-zones", p1).then().statusCode(201);
        recordEvent(STAFF, p1, "session-1", today.minusDays(5)).statusCode(201);
        recordEvent(STAFF, p1, "session-3", today.minusDays(1)).statusCode(201);
        recordEvent(STAFF, p2, "session-1", today.minusDays(3)).statusCode(201);
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Too unwell to answer today"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/gad7/excuse", p1).then().statusCode(200);
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Declined"))
                .when().post("/api/v1/patients/{pid}/tasks/T0/phq9/excuse", p2).then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> {
            List<Enrollment> enrollments = em.createQuery(
                    "select e from Enrollment e where e.patientId in :p", Enrollment.class)
                    .setParameter("p", List.of(p1, p2)).getResultList();
            assertEquals(2, enrollments.size());
            Set<UUID> ids = enrollments.stream().map(e -> e.id).collect(Collectors.toSet());
            ScheduleFactsRepository.Rows rows = facts.read(Set.of(p1, p2), Set.of(studyA, studyB), ids);

            Map<UUID, List<ZoneHistory.Entry>> zones = new HashMap<>();
            for (PatientTimeZone z : em.createQuery("select z from PatientTimeZone z where z.patientId in :p",
                    PatientTimeZone.class).setParameter("p", List.of(p1, p2)).getResultList()) {
                zones.computeIfAbsent(z.patientId, k -> new ArrayList<>())
                        .add(new ZoneHistory.Entry(z.validFrom, ZoneId.of(z.zoneId)));
            }
            assertEquals(2, zones.get(p1).size(), "p1 changed zone once");
            assertEquals(sorted(zones), sorted(rows.zonesByPatient()));

            List<ScheduleFactsRepository.VersionRow> versions = em.createQuery(
                    "select v from ProtocolVersion v where v.studyId in :s", ProtocolVersion.class)
                    .setParameter("s", List.of(studyA, studyB)).getResultList().stream()
                    .map(v -> new ScheduleFactsRepository.VersionRow(v.id, v.studyId, v.version)).toList();
            assertEquals(3, versions.size());
            assertEquals(Set.copyOf(versions), Set.copyOf(rows.versions()));
            assertEquals(versions.size(), rows.versions().size());

            Map<UUID, Map<String, LocalDate>> events = new HashMap<>();
            for (EventOccurrence ev : em.createQuery("select o from EventOccurrence o where o.enrollmentId in :e",
                    EventOccurrence.class).setParameter("e", ids).getResultList()) {
                events.computeIfAbsent(ev.enrollmentId, k -> new HashMap<>()).put(ev.anchor, ev.localDate);
            }
            assertEquals(3, events.values().stream().mapToInt(Map::size).sum());
            assertEquals(events, rows.eventsByEnrollment());

            List<TaskExcusal> excusals = em.createQuery("select x from TaskExcusal x where x.enrollmentId in :e",
                    TaskExcusal.class).setParameter("e", ids).getResultList();
            assertEquals(2, excusals.size());
            assertEquals(columns(excusals), columns(rows.excusals()));
        });
    }

    @Test
    void seesAnEventOfItsOwnTransactionThatIsNotFlushedYet() {
        UUID study = study("facts-pending");
        UUID p = enrolled(STAFF, study, "arm-a", today.minusDays(8), "UTC");
        // the transaction is rolled back at the end (the exception below), so the event is never stored
        RuntimeException undo = new RuntimeException("roll back");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            Enrollment e = em.createQuery("select e from Enrollment e where e.patientId = :p", Enrollment.class)
                    .setParameter("p", p).getSingleResult();
            assertTrue(facts.read(Set.of(p), Set.of(study), Set.of(e.id)).eventsByEnrollment().isEmpty());
            EventOccurrence ev = new EventOccurrence();
            ev.id = UUID.randomUUID();
            ev.enrollmentId = e.id;
            ev.patientId = p;
            ev.anchor = "session-1";
            ev.localDate = today.minusDays(2);
            ev.revision = 1;
            ev.recordedAt = Instant.now();
            ev.recordedBy = STAFF;
            em.persist(ev);
            assertEquals(Map.of(e.id, Map.of("session-1", today.minusDays(2))),
                    facts.read(Set.of(p), Set.of(study), Set.of(e.id)).eventsByEnrollment());
            throw undo;
        }));
        assertSame(undo, thrown);
        recordEvent(STAFF, p, "session-1", today.minusDays(1)).statusCode(201);
    }

    @Test
    void readsNothingForUnknownIds() {
        QuarkusTransaction.requiringNew().run(() -> {
            ScheduleFactsRepository.Rows rows = facts.read(Set.of(UUID.randomUUID()), Set.of(UUID.randomUUID()),
                    Set.of(UUID.randomUUID(), UUID.randomUUID()));
            assertTrue(rows.zonesByPatient().isEmpty() && rows.eventsByEnrollment().isEmpty()
                    && rows.versions().isEmpty() && rows.excusals().isEmpty());
        });
    }

    private UUID study(String name) {
        UUID study = fixtures.study(unique(name), STAFF);
        publish(study, protocol(List.of("session-1", "session-3"), List.of(
                timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true),
                timepoint("T1", "session-1", 1, 0, 6, List.of("phq9"), null, false)), null)).statusCode(201);
        return study;
    }

    private static Map<UUID, List<ZoneHistory.Entry>> sorted(Map<UUID, List<ZoneHistory.Entry>> zones) {
        Map<UUID, List<ZoneHistory.Entry>> out = new HashMap<>();
        zones.forEach((k, v) -> out.put(k, v.stream().sorted(Comparator.comparing(ZoneHistory.Entry::validFrom))
                .toList()));
        return out;
    }

    private static Set<List<Object>> columns(List<TaskExcusal> rows) {
        return rows.stream().map(x -> List.<Object>of(x.id, x.enrollmentId, x.patientId, x.timepointKey,
                x.instrumentId, x.reason, x.excusedAt, x.excusedBy)).collect(Collectors.toSet());
    }
}
