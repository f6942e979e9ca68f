package org.proservice.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.alert.Alert;
import org.proservice.support.Await;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;
import org.proservice.support.WebhookReceiver;
import org.proservice.support.WebhookReceiver.Received;

/**
 * Issue 19, point 3: every notice type, produced by the real flow (a protocol, an enrollment through the API that
 * plans the reminders, a PHQ-9 with item 9 positive submitted by the patient), reaches a receiver as a thin notice:
 * only the keys allow-listed below, ids and API links as values, nothing clinical. The allow-list lives in this
 * test on purpose: a field added to any notice fails here until it is argued for and listed.
 */
@QuarkusTest
class ThinNoticeTest {

    static final String SECRET = "whsec_dGhpbi1ub3RpY2UtdGVzdC1zZWNyLTA5";
    static final String STAFF = "thin-staff";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Everything a notice body may hold, per type. */
    static final Set<String> BODY_KEYS = Set.of("id", "type", "occurredAt", "studyId", "data");
    static final Map<String, Set<String>> DATA_KEYS = Map.of(
            NoticeTypes.ALERT_RAISED, Set.of("alertId", "responseId", "patientId", "studyId", "links"),
            NoticeTypes.RESPONSE_STORED, Set.of("responseId", "patientId", "studyId", "links"),
            NoticeTypes.TASK_OPENED, Set.of("enrollmentId", "patientId", "studyId", "timepointKey", "instrumentId",
                    "links"),
            NoticeTypes.TASK_CLOSING, Set.of("enrollmentId", "patientId", "studyId", "timepointKey", "instrumentId",
                    "links"));
    static final Map<String, Set<String>> LINKS = Map.of(
            NoticeTypes.ALERT_RAISED, Set.of("alerts", "response"),
            NoticeTypes.RESPONSE_STORED, Set.of("response"),
            NoticeTypes.TASK_OPENED, Set.of("tasks"),
            NoticeTypes.TASK_CLOSING, Set.of("tasks"));
    /** Keys whose value is a protocol key rather than a UUID (task notices only). */
    static final Set<String> PROTOCOL_KEYS = Set.of("timepointKey", "instrumentId");
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** An API path made of fixed words and UUIDs, with an optional query of the same. */
    static final Pattern LINK = Pattern.compile("/api/v1(/([a-z-]+|" + UUID_TEXT + "))+(\\?[A-Za-z0-9=&_-]+)?");
    /** Words of clinical content: rules, flags, scores, bands, answers, severities. */
    static final List<String> CLINICAL = List.of("item9", "positive", "flag", "score", "band", "severe", "moderate",
            "mild", "minimal", "answer", "phq9_q", "rule", "total", "severity", "timing", "late");

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    WebhookReceiver receiver;
    UUID study;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver();
        study = fixtures.study("Thin " + UUID.randomUUID(), STAFF);
        as(TestTokens.admin("admin-thin")).body(protocol())
                .when().post("/api/v1/studies/{id}/protocol-versions", study).then().statusCode(201);
        NotifyTestSupport.subscribe(study, receiver.url(), SECRET, NoticeTypes.ALL.toArray(String[]::new));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void everyNoticeTypeCarriesOnlyAllowListedIdsAndLinksAndNothingClinical() throws Exception {
        assertEquals(Set.copyOf(NoticeTypes.ALL), DATA_KEYS.keySet(), "every notice type has its allow-list here");

        // Enrollment through the API plans the T0/phq9 reminders: task.opened is due now, task.closing later.
        String subject = "thin-pat-" + UUID.randomUUID();
        UUID patientId = UUID.fromString(as(TestTokens.clinician(STAFF)).body(Map.of(
                "subjectCode", "TH-" + UUID.randomUUID().toString().substring(0, 8), "identitySubject", subject,
                "arm", "arm-a", "enrollmentDate", LocalDate.now(ZoneOffset.UTC).toString(), "timeZone", "UTC"))
                .when().post("/api/v1/studies/{id}/enrollments", study).then().statusCode(201)
                .extract().<String>path("patientId"));
        UUID enrollmentId = fixtures.enrollmentOf(patientId);
        Await.until("task.opened arrives", () -> received(NoticeTypes.TASK_OPENED).size() == 1);
        // The closing reminder, as planned by the schedule feature, is brought forward to now (only its time).
        QuarkusTransaction.requiringNew().run(() -> assertEquals(1, em.createNativeQuery(
                "UPDATE outbox_event SET available_at = now() WHERE dedup_key = :key AND state = 'pending'")
                .setParameter("key", "task.closing:" + enrollmentId + ":T0:phq9").executeUpdate()));
        Await.until("task.closing arrives", () -> received(NoticeTypes.TASK_CLOSING).size() == 1);

        // The patient answers PHQ-9 with item 9 positive: a response and a safety alert.
        UUID responseId = UUID.fromString(as(TestTokens.patient(subject))
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(phq9WithItem9Positive())
                .when().post("/api/v1/me/responses").then().statusCode(201).extract().<String>path("id"));
        UUID alertId = QuarkusTransaction.requiringNew().call(() -> Alert.<Alert>find("responseId", responseId)
                .singleResult().id);
        Await.until("response.stored arrives", () -> received(NoticeTypes.RESPONSE_STORED).size() == 1);
        Await.until("alert.raised arrives", () -> received(NoticeTypes.ALERT_RAISED).size() == 1);

        Map<String, String> expectedIds = Map.of("patientId", patientId.toString(), "studyId", study.toString(),
                "enrollmentId", enrollmentId.toString(), "responseId", responseId.toString(),
                "alertId", alertId.toString(), "timepointKey", "T0", "instrumentId", "phq9");
        for (String type : NoticeTypes.ALL) {
            Received r = received(type).get(0);
            JsonNode body = JSON.readTree(r.body());
            assertEquals(BODY_KEYS, names(body), type);
            assertEquals(type, body.path("type").asText());
            assertEquals(study.toString(), body.path("studyId").asText());
            assertEquals(r.header("webhook-id"), body.path("id").asText());
            Instant.parse(body.path("occurredAt").asText());

            JsonNode data = body.path("data");
            assertEquals(DATA_KEYS.get(type), names(data), type + ": " + data);
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals("links")) {
                    continue;
                }
                assertTrue(field.getValue().isTextual(), type + "." + field.getKey() + " is text");
                String value = field.getValue().asText();
                assertEquals(expectedIds.get(field.getKey()), value, type + "." + field.getKey());
                assertTrue(PROTOCOL_KEYS.contains(field.getKey()) || UUID_TEXT.matcher(value).matches(),
                        type + "." + field.getKey() + " is a UUID");
            }
            JsonNode links = data.path("links");
            assertEquals(LINKS.get(type), names(links), type + " links");
            links.fields().forEachRemaining(link -> assertTrue(LINK.matcher(link.getValue().asText()).matches(),
                    type + " link " + link.getValue()));

            String text = r.bodyText().toLowerCase(Locale.ROOT);
            for (String word : CLINICAL) {
                assertFalse(text.contains(word), type + " carries clinical content (" + word + "): " + text);
            }
            assertFalse(text.contains(subject), type + " carries the identity subject");
            assertFalse(hasNumber(body), type + " carries a number: " + text);
            if (!type.startsWith("task.")) {
                assertFalse(text.contains("phq9"), type + " names the instrument (with an alert: its rule)");
            }
        }

        // What the notice leaves out is one authorised, audited call away for study staff.
        String responseLink = JSON.readTree(received(NoticeTypes.ALERT_RAISED).get(0).body())
                .at("/data/links/response").asText();
        as(TestTokens.clinician(STAFF)).when().get(responseLink).then().statusCode(200)
                .body("response.id", org.hamcrest.Matchers.equalTo(responseId.toString()))
                .body("response.score.flags", org.hamcrest.Matchers.hasItem("item9_positive"));
        String alertsLink = JSON.readTree(received(NoticeTypes.ALERT_RAISED).get(0).body())
                .at("/data/links/alerts").asText();
        as(TestTokens.clinician(STAFF)).when().get(alertsLink).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(alertId.toString()));
    }

    @Test
    void theOutboxRefusesAnyKeyOrValueANoticeTypeDoesNotAllow() {
        List<Map<String, ?>> wide = new ArrayList<>();
        wide.add(Map.of("alertId", "a-1", "rule", "item9_positive"));
        wide.add(Map.of("alertId", "a-1", "flags", List.of("item9_positive")));
        wide.add(Map.of("responseId", "r-1", "total", 21));
        wide.add(Map.of("responseId", "r-1", "band", "severe"));
        wide.add(Map.of("patientId", "free text with spaces"));
        wide.add(Map.of("patientId", 17));
        wide.add(Map.of("links", Map.of("response", "https://elsewhere.example/x")));
        wide.add(Map.of("links", Map.of("report", "/api/v1/patients/x/report")));
        for (Map<String, ?> payload : wide) {
            assertThrowsIllegalArgument(NoticeTypes.ALERT_RAISED, payload);
        }
        // Task keys are not response keys, and vice versa.
        assertThrowsIllegalArgument(NoticeTypes.RESPONSE_STORED, Map.of("instrumentId", "phq9"));
        assertThrowsIllegalArgument(NoticeTypes.TASK_OPENED, Map.of("responseId", "r-1"));
        // What the publishers build passes.
        NoticeData.check(NoticeTypes.ALERT_RAISED,
                NoticeData.alertRaised(UUID.randomUUID(), study, UUID.randomUUID(), UUID.randomUUID()));
        NoticeData.check(NoticeTypes.TASK_CLOSING,
                NoticeData.task(UUID.randomUUID(), study, UUID.randomUUID(), "T0", "bpi-sf"));
    }

    static void assertThrowsIllegalArgument(String type, Map<String, ?> payload) {
        try {
            NoticeData.check(type, payload);
        } catch (IllegalArgumentException expected) {
            assertFalse(expected.getMessage().contains("item9") || expected.getMessage().contains("severe"),
                    "the refusal names the key, not the value");
            return;
        }
        throw new AssertionError(type + " accepted " + payload);
    }

    List<Received> received(String type) {
        return receiver.received().stream().filter(r -> {
            try {
                return type.equals(JSON.readTree(r.body()).path("type").asText());
            } catch (IOException e) {
                throw new AssertionError("not JSON", e);
            }
        }).toList();
    }

    static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static boolean hasNumber(JsonNode node) {
        if (node.isNumber() || node.isBoolean()) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasNumber(child)) {
                return true;
            }
        }
        return false;
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON);
    }

    /** T0 at enrollment, open that day through 7 days after, PHQ-9. */
    static Map<String, Object> protocol() {
        Map<String, Object> t0 = new LinkedHashMap<>();
        t0.put("key", "T0");
        t0.put("label", "Baseline");
        t0.put("anchor", "enrollment");
        t0.put("offsetDays", 0);
        t0.put("windowDaysBefore", 0);
        t0.put("windowDaysAfter", 7);
        t0.put("instruments", List.of("phq9"));
        t0.put("baseline", true);
        Map<String, Object> body = new HashMap<>();
        body.put("anchors", List.of());
        body.put("timepoints", List.of(t0));
        return body;
    }

    /** Items 1-8 at 1, item 9 at 2 (positive), difficulty 1. */
    static Map<String, Object> phq9WithItem9Positive() {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            answers.put("phq9_q" + i, 1);
        }
        answers.put("phq9_q9", 2);
        answers.put("phq9_difficulty", 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timepointKey", "T0");
        body.put("instrumentId", "phq9");
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", Instant.now().minusSeconds(5).toString());
        return body;
    }
}
