package org.proservice.schedule;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.proservice.schedule.ScheduleApi.clinician;
import static org.proservice.schedule.ScheduleApi.enroll;
import static org.proservice.schedule.ScheduleApi.enrollment;
import static org.proservice.schedule.ScheduleApi.protocol;
import static org.proservice.schedule.ScheduleApi.publish;
import static org.proservice.schedule.ScheduleApi.recordEvent;
import static org.proservice.schedule.ScheduleApi.timepoint;
import static org.proservice.schedule.ScheduleApi.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.notify.Notice;
import org.proservice.notify.NoticeTypes;
import org.proservice.notify.NotifyTestSupport;
import org.proservice.notify.OutboxEvent;
import org.proservice.notify.WebhookSignature;
import org.proservice.support.Await;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;
import org.proservice.support.WebhookReceiver;
import org.proservice.support.WebhookReceiver.Received;

/**
 * Task reminders end to end: tasks derived from protocol, enrollment and events put {@code task.opened} /
 * {@code task.closing} notices into the outbox in the same transaction; the delivery worker (test profile: poll
 * 1 s) sends them to a local receiver; completion and excusal cancel them; the guard withdraws what is no longer
 * open. Patients live in UTC and dates are relative to today, so windows do not depend on when the tests run.
 */
@QuarkusTest
class TaskReminderTest {

    static final String STAFF = "rem-staff";
    static final String SECRET = "whsec_dGFzay1yZW1pbmRlci10ZXN0LXNlYzA3";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Taken when each test starts (JUnit makes an instance per test), so a run near UTC midnight stays consistent. */
    final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;

    @Inject
    NotifyTestSupport notify;

    @Inject
    EntityManager em;

    @Inject
    TaskReminderGuard guard;

    WebhookReceiver receiver;
    UUID study;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        study = fixtures.study(unique("rem-study"), STAFF);
        publish(study, protocol(List.of("session-1"), v1Timepoints(1), null)).statusCode(201);
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.TASK_OPENED, NoticeTypes.TASK_CLOSING);
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** T0 at enrollment (0 before / 7 after), T1 {@code t1Offset} days after session-1 (0 / 6). */
    static List<Object> v1Timepoints(int t1Offset) {
        return List.of(timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true),
                timepoint("T1", "session-1", t1Offset, 0, 6, List.of("phq9", "gad7"), null, false));
    }

    record Enrolled(UUID patientId, UUID enrollmentId, String identitySubject, String subjectCode) {
    }

    Enrolled enrollToday() {
        String subject = unique("rem-pat");
        String code = unique("RS");
        String pid = enroll(STAFF, study, enrollment(code, subject, "arm-a", TODAY, "UTC")).statusCode(201)
                .extract().path("patientId");
        UUID patientId = UUID.fromString(pid);
        return new Enrolled(patientId, fixtures.enrollmentOf(patientId), subject, code);
    }

    static String key(String type, Enrolled e, String timepoint, String instrument) {
        return type + ":" + e.enrollmentId() + ":" + timepoint + ":" + instrument;
    }

    List<OutboxEvent> rows(String dedupKey) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list("dedupKey", dedupKey));
    }

    OutboxEvent only(String dedupKey) {
        List<OutboxEvent> rows = rows(dedupKey);
        assertEquals(1, rows.size(), "one outbox row for " + dedupKey);
        return rows.get(0);
    }

    /** Makes the enrollment's still pending reminders due now, as if their time had come. */
    void makePendingRemindersDue(Enrolled e) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE outbox_event SET available_at = now()
                WHERE state = 'pending' AND dedup_key LIKE :pattern""")
                .setParameter("pattern", "task.%:" + e.enrollmentId() + ":%").executeUpdate());
    }

    /** Waits until the worker has certainly run after this point: a fresh notice of the study is delivered. */
    void awaitWorkerPass() {
        UUID sentinel = notify.publishNow(study, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "sentinel"));
        Await.until("a later notice is delivered", () -> !receiver.forEvent(sentinel).isEmpty());
    }

    List<Received> receivedFor(String type, Enrolled e, String timepoint, String instrument) {
        return receiver.received().stream().filter(r -> {
            JsonNode body = body(r);
            JsonNode data = body.path("data");
            return type.equals(body.path("type").asText())
                    && e.enrollmentId().toString().equals(data.path("enrollmentId").asText())
                    && timepoint.equals(data.path("timepointKey").asText())
                    && instrument.equals(data.path("instrumentId").asText());
        }).toList();
    }

    static JsonNode body(Received r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException ex) {
            throw new AssertionError("receiver got a body that is not JSON", ex);
        }
    }

    static Map<String, Object> phq9Submission() {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 9; i++) {
            answers.put("phq9_q" + i, 0);
        }
        answers.put("phq9_difficulty", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timepointKey", "T0");
        body.put("instrumentId", "phq9");
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", Instant.now().minusSeconds(5).toString());
        return body;
    }

    void submitOwnPhq9(Enrolled e) {
        ScheduleApi.as(TestTokens.patient(e.identitySubject())).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(phq9Submission())
                .when().post("/api/v1/me/responses").then().statusCode(201);
    }

    @Test
    void anOpenTaskGetsOneSignedTaskOpenedReminderWithoutAnswersOrSubjectCode() {
        Enrolled e = enrollToday();

        Await.until("task.opened for T0/phq9 arrives",
                () -> !receivedFor(NoticeTypes.TASK_OPENED, e, "T0", "phq9").isEmpty());
        // Another change of the patient's tasks (a time-zone change) recomputes them: no second task.opened.
        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("timeZone", "Europe/Lisbon"))
                .when().post("/api/v1/patients/{pid}/time-zones", e.patientId()).then().statusCode(201);
        awaitWorkerPass();

        List<Received> got = receivedFor(NoticeTypes.TASK_OPENED, e, "T0", "phq9");
        assertEquals(1, got.size(), "delivered once");
        Received r = got.get(0);
        assertTrue(WebhookSignature.verify(SECRET, r.header("webhook-id"), r.header("webhook-timestamp"), r.body(),
                r.header("webhook-signature")), "signed with the subscription secret");
        OutboxEvent row = only(key(NoticeTypes.TASK_OPENED, e, "T0", "phq9"));
        assertEquals(row.id.toString(), r.header("Webhook-Id"));
        JsonNode data = body(r).path("data");
        assertEquals(e.patientId().toString(), data.path("patientId").asText());
        assertEquals(study.toString(), data.path("studyId").asText());
        // Thin notice: the window is not in the body; the link leads staff (own credentials, audited) to the task.
        assertTrue(data.path("opens").isMissingNode() && data.path("closes").isMissingNode(), data.toString());
        String link = data.path("links").path("tasks").asText();
        assertEquals("/api/v1/patients/" + e.patientId() + "/tasks?timepoint=T0&instrument=phq9", link);
        clinician(STAFF).when().get(link).then().statusCode(200)
                .body("tasks.size()", equalTo(1))
                .body("tasks[0].opens", equalTo(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().toString()))
                .body("tasks[0].closes", equalTo(TODAY.plusDays(8).atStartOfDay(ZoneOffset.UTC).toInstant()
                        .toString()));
        String text = r.bodyText();
        assertFalse(text.contains("answers"), "no answers in the body");
        assertFalse(text.contains(e.subjectCode()), "no subject code in the body");
        assertFalse(text.contains(e.identitySubject()), "no identity subject in the body");
    }

    @Test
    void aTaskCompletedBeforeItsReminderTimeGetsNoClosingReminder() {
        Enrolled e = enrollToday();
        String closingKey = key(NoticeTypes.TASK_CLOSING, e, "T0", "phq9");
        // Deadline (T0 closes at the start of day 8) minus the 24 h lead: still days away.
        assertEquals(TODAY.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(), only(closingKey).availableAt);
        assertEquals(OutboxEvent.PENDING, only(closingKey).state);

        submitOwnPhq9(e);

        assertEquals(OutboxEvent.CANCELLED, only(closingKey).state);
        assertEquals("task_completed", only(closingKey).cancelReason);
        // The reminder time comes: the still open T0/gad7 is reminded, the completed T0/phq9 is not.
        makePendingRemindersDue(e);
        Await.until("task.closing for the still open T0/gad7 arrives",
                () -> !receivedFor(NoticeTypes.TASK_CLOSING, e, "T0", "gad7").isEmpty());
        awaitWorkerPass();
        assertEquals(List.of(), receivedFor(NoticeTypes.TASK_CLOSING, e, "T0", "phq9"));
        assertEquals(List.of(), notify.deliveriesOf(only(closingKey).id));
    }

    @Test
    void anExcusedTaskGetsNoReminders() {
        Enrolled e = enrollToday();
        recordEvent(STAFF, e.patientId(), "session-1", TODAY).statusCode(201);
        String openedKey = key(NoticeTypes.TASK_OPENED, e, "T1", "phq9");
        String closingKey = key(NoticeTypes.TASK_CLOSING, e, "T1", "phq9");
        assertEquals(TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), only(openedKey).availableAt);
        assertEquals(OutboxEvent.PENDING, only(closingKey).state);

        clinician(STAFF).contentType(ContentType.JSON).body(Map.of("reason", "Withdrew from the session"))
                .when().post("/api/v1/patients/{pid}/tasks/{tp}/{instrument}/excuse", e.patientId(), "T1", "phq9")
                .then().statusCode(200).body("status", equalTo("excused"));

        assertEquals(OutboxEvent.CANCELLED, only(openedKey).state);
        assertEquals("task_excused", only(closingKey).cancelReason);
        makePendingRemindersDue(e);
        awaitWorkerPass();
        assertEquals(List.of(), receivedFor(NoticeTypes.TASK_OPENED, e, "T1", "phq9"));
        assertEquals(List.of(), receivedFor(NoticeTypes.TASK_CLOSING, e, "T1", "phq9"));
        assertEquals(List.of(), notify.deliveriesOf(only(openedKey).id));
    }

    @Test
    void recordingAnEventAgainOrMigratingToANewProtocolMovesRemindersInsteadOfDuplicatingThem() {
        // Event dates lie in the past (never after the patient's local today): T1 five days after session-1 keeps
        // its window ahead.
        publish(study, protocol(List.of("session-1"), v1Timepoints(5), false)).statusCode(201);
        String subject = unique("rem-pat");
        String code = unique("RS");
        UUID pid = UUID.fromString(enroll(STAFF, study, enrollment(code, subject, "arm-a", TODAY.minusDays(4), "UTC"))
                .statusCode(201).extract().path("patientId"));
        Enrolled e = new Enrolled(pid, fixtures.enrollmentOf(pid), subject, code);
        String openedKey = key(NoticeTypes.TASK_OPENED, e, "T1", "gad7");
        String closingKey = key(NoticeTypes.TASK_CLOSING, e, "T1", "gad7");
        recordEvent(STAFF, e.patientId(), "session-1", TODAY.minusDays(4)).statusCode(201);
        recordEvent(STAFF, e.patientId(), "session-1", TODAY.minusDays(4)).statusCode(200);
        OutboxEvent first = only(openedKey);
        assertEquals(TODAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), first.availableAt);
        Instant firstClosing = only(closingKey).availableAt;

        // A correction moves the window by two days: the same notice moves with it.
        recordEvent(STAFF, e.patientId(), "session-1", TODAY.minusDays(2)).statusCode(200);
        OutboxEvent corrected = only(openedKey);
        assertEquals(first.id, corrected.id);
        assertEquals(TODAY.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant(), corrected.availableAt);
        assertEquals(firstClosing.plus(2, ChronoUnit.DAYS), only(closingKey).availableAt);

        // Version 3 puts T1 seven days after session-1; the migrated patient's reminders move, one row per key.
        publish(study, protocol(List.of("session-1"), v1Timepoints(7), true)).statusCode(201)
                .body("migratedEnrollments", equalTo(1));
        OutboxEvent migrated = only(openedKey);
        assertEquals(first.id, migrated.id);
        assertEquals(TODAY.plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant(), migrated.availableAt);
        assertEquals(OutboxEvent.PENDING, migrated.state);
        assertEquals(firstClosing.plus(4, ChronoUnit.DAYS), only(closingKey).availableAt);
        assertEquals(e.enrollmentId().toString(), migrated.payload.get("enrollmentId"));
    }

    @Test
    void theGuardWithdrawsAReminderWhoseTaskIsNoLongerOpen() {
        Enrolled e = enrollToday();
        String closingKey = key(NoticeTypes.TASK_CLOSING, e, "T0", "phq9");
        submitOwnPhq9(e);
        // A completion path that forgot to cancel: the reminder is pending again and due now.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE outbox_event SET state = 'pending', cancelled_at = NULL, cancel_reason = NULL
                WHERE dedup_key = :key""").setParameter("key", closingKey).executeUpdate());
        makePendingRemindersDue(e);

        Await.until("the forgotten reminder is handled", () -> !OutboxEvent.PENDING.equals(only(closingKey).state));
        Await.until("task.closing for the still open T0/gad7 arrives",
                () -> !receivedFor(NoticeTypes.TASK_CLOSING, e, "T0", "gad7").isEmpty());
        assertEquals(OutboxEvent.CANCELLED, only(closingKey).state);
        assertEquals("not_relevant", only(closingKey).cancelReason);
        assertEquals(List.of(), receivedFor(NoticeTypes.TASK_CLOSING, e, "T0", "phq9"));
    }

    @Test
    void theGuardWithdrawsRemindersOfATimepointAProtocolChangeRemovedAndPassesOtherNotices() {
        Enrolled e = enrollToday();
        recordEvent(STAFF, e.patientId(), "session-1", TODAY).statusCode(201);
        Notice t0 = notice(key(NoticeTypes.TASK_CLOSING, e, "T0", "gad7"), NoticeTypes.TASK_CLOSING);
        Notice t1 = notice(key(NoticeTypes.TASK_CLOSING, e, "T1", "gad7"), NoticeTypes.TASK_CLOSING);
        Notice t1Opened = new Notice(UUID.randomUUID(), study, NoticeTypes.TASK_OPENED,
                key(NoticeTypes.TASK_OPENED, e, "T1", "gad7"), TODAY.plusDays(2).atStartOfDay(ZoneOffset.UTC)
                        .toInstant(), Map.of());
        assertTrue(judge(t0), "T0 is open");
        assertFalse(judge(t1), "T1 opens tomorrow: not open now");
        assertTrue(judge(t1Opened), "judged at its due time, when T1 is open");

        // Version 2 drops T1 altogether; the patient moves to it.
        publish(study, protocol(List.of("session-1"),
                List.of(timepoint("T0", "enrollment", 0, 0, 7, List.of("phq9", "gad7"), null, true)), true))
                .statusCode(201);
        assertFalse(judge(t1Opened), "T1 no longer exists");
        assertTrue(judge(t0), "T0 is still open");
        assertFalse(judge(new Notice(UUID.randomUUID(), UUID.randomUUID(), t0.type(), t0.dedupKey(), Instant.now(),
                Map.of())), "a reminder naming another study's enrollment");
        assertTrue(judge(notice("task.opened:not-an-enrollment", NoticeTypes.TASK_OPENED)), "not a reminder key");
        assertTrue(judge(notice(key(NoticeTypes.TASK_OPENED, e, "T9", "phq9").replace("task.opened",
                "alert.raised"), NoticeTypes.ALERT_RAISED)), "not a task notice");
    }

    Notice notice(String dedupKey, String type) {
        return new Notice(UUID.randomUUID(), study, type, dedupKey, Instant.now(), Map.of());
    }

    boolean judge(Notice n) {
        return QuarkusTransaction.requiringNew().call(() -> guard.shouldDeliver(n));
    }
}
