package org.proservice.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.audit.AuditEvent;
import org.proservice.support.Fixtures;
import org.proservice.support.TestTokens;

/** The webhook endpoints: who may call them, what they accept, what they return. */
@QuarkusTest
class WebhookResourceTest {

    static final String SECRET = "whsec_d2ViaG9vay1yZXNvdXJjZS10ZXN0LTA1";
    static final String ADMIN = TestTokens.bearer(TestTokens.admin("admin-webhooks"));

    @Inject
    Fixtures fixtures;

    @Inject
    NotifyTestSupport notify;

    UUID study;
    String staffClinician;

    @BeforeEach
    void setUp() {
        staffClinician = "clin-" + UUID.randomUUID();
        study = fixtures.study("Webhook API " + UUID.randomUUID(), staffClinician);
    }

    static Map<String, Object> validBody() {
        return Map.of("url", "https://push.example.invalid/pro/hook", "secret", SECRET,
                "eventTypes", List.of("alert.raised", "task.opened"), "description", "push service");
    }

    RequestSpecification as(String bearer) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return bearer == null ? spec : spec.header("Authorization", bearer);
    }

    static ValidatableResponse problem(ValidatableResponse r, int status, String code) {
        return r.statusCode(status).contentType(startsWith("application/problem+json")).body("code", equalTo(code));
    }

    // ---- create -------------------------------------------------------------------------------------------------

    @Test
    void adminCreatesSubscriptionAndNeverSeesTheSecretAgain() {
        String location = as(ADMIN).body(validBody())
                .when().post("/api/v1/studies/{id}/webhooks", study)
                .then().statusCode(201)
                .contentType(startsWith("application/json"))
                .body("id", notNullValue())
                .body("studyId", equalTo(study.toString()))
                .body("url", equalTo("https://push.example.invalid/pro/hook"))
                .body("eventTypes", containsInAnyOrder("alert.raised", "task.opened"))
                .body("description", equalTo("push service"))
                .body("createdBy", equalTo("admin-webhooks"))
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(true, location.endsWith("/api/v1/studies/" + study + "/webhooks/" + id));

        String single = as(ADMIN).when().get(location).then().statusCode(200)
                .body("id", equalTo(id)).extract().asString();
        String list = as(ADMIN).when().get("/api/v1/studies/{id}/webhooks", study).then().statusCode(200)
                .body("id", hasItem(id)).extract().asString();
        assertFalse(single.contains(SECRET) || list.contains(SECRET) || single.contains("secret"),
                "the secret is write-only");

        long audited = QuarkusTransaction.requiringNew().call(() -> AuditEvent.count(
                "resourceType = ?1 and resourceId = ?2 and action = 'create' and outcome = 'allowed'",
                "webhook_subscription", id));
        assertEquals(1, audited);
    }

    @Test
    void invalidSubscriptionNamesEveryOffendingField() {
        problem(as(ADMIN).body(Map.of("url", "ftp://push.example.invalid/x", "secret", "short",
                        "eventTypes", List.of("alert.raised", "answers.dumped")))
                .when().post("/api/v1/studies/{id}/webhooks", study).then(), 400, "PRO-1002")
                .body("errors.field", containsInAnyOrder("url", "secret", "eventTypes[1]"))
                .body("errors.find { it.field == 'eventTypes[1]' }.code", equalTo("unknown_event_type"));
    }

    @Test
    void urlMustBeAbsoluteHttpWithoutCredentials() {
        for (String url : List.of("not a url", "/relative/path", "mailto:admin@example.org", "javascript:alert(1)",
                "https://user:pw@push.example.invalid/", "https://push.example.invalid/#frag", "http:///nohost")) {
            problem(as(ADMIN).body(Map.of("url", url, "secret", SECRET, "eventTypes", List.of("alert.raised")))
                    .when().post("/api/v1/studies/{id}/webhooks", study).then(), 400, "PRO-1002")
                    .body("errors[0].field", equalTo("url"));
        }
    }

    @Test
    void subscriptionNeedsAtLeastOneEventTypeAndASecret() {
        problem(as(ADMIN).body(Map.of("url", "https://push.example.invalid/"))
                .when().post("/api/v1/studies/{id}/webhooks", study).then(), 400, "PRO-1002")
                .body("errors.field", containsInAnyOrder("secret", "eventTypes"));
        problem(as(ADMIN).body("not json").when().post("/api/v1/studies/{id}/webhooks", study).then(), 400,
                "PRO-1001");
    }

    @Test
    void privateNetworkTargetsAreRefusedWhenNotAllowed() {
        for (String url : List.of("http://localhost:8080/x", "http://127.0.0.1/x", "http://10.1.2.3/x",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://192.168.0.10/")) {
            assertEquals(true, WebhookTargets.problem(url, false).isPresent(), url);
            assertEquals(false, WebhookTargets.problem(url, true).isPresent(), url);
        }
        assertEquals(false, WebhookTargets.problem("https://push.example.invalid/hook", false).isPresent());
    }

    // ---- access -------------------------------------------------------------------------------------------------

    @Test
    void withoutTokenEveryWebhookEndpointIs401() {
        UUID any = UUID.randomUUID();
        problem(as(null).body(validBody()).when().post("/api/v1/studies/{id}/webhooks", study).then(), 401,
                "PRO-1008");
        problem(as(null).when().get("/api/v1/studies/{id}/webhooks", study).then(), 401, "PRO-1008");
        problem(as(null).when().get("/api/v1/studies/{id}/webhooks/{w}", study, any).then(), 401, "PRO-1008");
        problem(as(null).when().delete("/api/v1/studies/{id}/webhooks/{w}", study, any).then(), 401, "PRO-1008");
        problem(as(null).when().get("/api/v1/studies/{id}/webhooks/{w}/deliveries", study, any).then(), 401,
                "PRO-1008");
        problem(as(null).when().post("/api/v1/studies/{id}/webhooks/{w}/deliveries/{d}/redeliver", study, any, any)
                .then(), 401, "PRO-1008");
    }

    @Test
    void patientsAndCliniciansEvenStudyStaffGet403() {
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/h", SECRET, "alert.raised");
        for (String bearer : List.of(TestTokens.bearer(TestTokens.patient("pat-" + UUID.randomUUID())),
                TestTokens.bearer(TestTokens.clinician(staffClinician)))) {
            problem(as(bearer).body(validBody()).when().post("/api/v1/studies/{id}/webhooks", study).then(), 403,
                    "PRO-1009");
            problem(as(bearer).when().get("/api/v1/studies/{id}/webhooks", study).then(), 403, "PRO-1009");
            problem(as(bearer).when().get("/api/v1/studies/{id}/webhooks/{w}", study, subscription).then(), 403,
                    "PRO-1009");
            problem(as(bearer).when().delete("/api/v1/studies/{id}/webhooks/{w}", study, subscription).then(), 403,
                    "PRO-1009");
            problem(as(bearer).when().get("/api/v1/studies/{id}/webhooks/{w}/deliveries", study, subscription)
                    .then(), 403, "PRO-1009");
            problem(as(bearer).when().post("/api/v1/studies/{id}/webhooks/{w}/deliveries/{d}/redeliver", study,
                    subscription, UUID.randomUUID()).then(), 403, "PRO-1009");
        }
        as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}", study, subscription).then().statusCode(200);
    }

    @Test
    void unknownStudyIs404ForAdmins() {
        UUID unknown = UUID.randomUUID();
        problem(as(ADMIN).body(validBody()).when().post("/api/v1/studies/{id}/webhooks", unknown).then(), 404,
                "PRO-1003");
        problem(as(ADMIN).when().get("/api/v1/studies/{id}/webhooks", unknown).then(), 404, "PRO-1003");
        problem(as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}/deliveries", unknown, UUID.randomUUID())
                .then(), 404, "PRO-1003");
    }

    @Test
    void subscriptionOfAnotherStudyIs404() {
        UUID other = fixtures.study("Other " + UUID.randomUUID());
        UUID foreign = NotifyTestSupport.subscribe(other, "https://push.example.invalid/o", SECRET, "alert.raised");
        problem(as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}", study, foreign).then(), 404, "PRO-1003");
        problem(as(ADMIN).when().delete("/api/v1/studies/{id}/webhooks/{w}", study, foreign).then(), 404,
                "PRO-1003");
        problem(as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}/deliveries", study, foreign).then(), 404,
                "PRO-1003");
        as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}", other, foreign).then().statusCode(200);
    }

    @Test
    void deletedSubscriptionDisappearsAndDeletingTwiceIs404() {
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/d", SECRET, "alert.raised");
        as(ADMIN).when().delete("/api/v1/studies/{id}/webhooks/{w}", study, subscription).then().statusCode(204);
        as(ADMIN).when().get("/api/v1/studies/{id}/webhooks", study).then().statusCode(200)
                .body("id", not(hasItem(subscription.toString())));
        problem(as(ADMIN).when().delete("/api/v1/studies/{id}/webhooks/{w}", study, subscription).then(), 404,
                "PRO-1003");
    }

    // ---- delivery log -------------------------------------------------------------------------------------------

    @Test
    void deliveryLogPagesNewestFirstWithACursor() {
        // Deliveries to a host that never resolves (.invalid) are fine here: the log is what is tested.
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/log", SECRET,
                "response.stored");
        Set<UUID> events = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            UUID e = notify.publishNow(study, NoticeTypes.RESPONSE_STORED, Map.of("responseId", "r-" + i));
            events.add(e);
            org.proservice.support.Await.until("notice " + i + " is fanned out",
                    () -> notify.deliveriesOf(e).size() == 1);
        }

        var first = as(ADMIN).when()
                .get("/api/v1/studies/{id}/webhooks/{w}/deliveries?limit=3", study, subscription)
                .then().statusCode(200).body("items.size()", equalTo(3)).body("nextCursor", notNullValue())
                .extract().jsonPath();
        var second = as(ADMIN).queryParam("cursor", first.getString("nextCursor")).when()
                .get("/api/v1/studies/{id}/webhooks/{w}/deliveries?limit=3", study, subscription)
                .then().statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", nullValue())
                .extract().jsonPath();

        List<String> created = new java.util.ArrayList<>(first.getList("items.createdAt", String.class));
        created.addAll(second.getList("items.createdAt", String.class));
        List<String> sorted = created.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        assertEquals(sorted, created, "newest first");
        Set<String> seen = new HashSet<>(first.getList("items.eventId", String.class));
        seen.addAll(second.getList("items.eventId", String.class));
        assertEquals(events.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet()), seen);
        assertNotEquals(first.getString("items[0].id"), second.getString("items[0].id"));
    }

    @Test
    void deliveryLogRejectsBadQueryParameters() {
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/q", SECRET, "alert.raised");
        problem(as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}/deliveries?state=lost&limit=0",
                study, subscription).then(), 400, "PRO-1002")
                .body("errors.field", containsInAnyOrder("state", "limit"));
        problem(as(ADMIN).queryParam("cursor", "bm90LWEtY3Vyc29y").when()
                .get("/api/v1/studies/{id}/webhooks/{w}/deliveries", study, subscription).then(), 400, "PRO-1200")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void redeliveringAnUnknownDeliveryIs404() {
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/r", SECRET, "alert.raised");
        problem(as(ADMIN).when().post("/api/v1/studies/{id}/webhooks/{w}/deliveries/{d}/redeliver", study,
                subscription, UUID.randomUUID()).then(), 404, "PRO-1003");
    }

    // ---- secret rotation ----------------------------------------------------------------------------------------

    @Test
    void secretsMustHaveTheStandardWebhooksForm() {
        String tooShortKey = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[23]);
        for (String secret : List.of("plain-text-secret-0123456789", "whsec_not base64 at all", tooShortKey,
                "whsec_resource_0123456789abc")) {
            problem(as(ADMIN).body(Map.of("url", "https://push.example.invalid/s", "secret", secret,
                    "eventTypes", List.of("alert.raised")))
                    .when().post("/api/v1/studies/{id}/webhooks", study).then(), 400, "PRO-1002")
                    .body("errors.field", containsInAnyOrder("secret"));
        }
    }

    @Test
    void rotationReturnsTheNewSecretOnceAndTheSubscriptionShowsOnlyTheOverlap() {
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/rot", SECRET,
                "alert.raised");
        as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}", study, subscription).then().statusCode(200)
                .body("signingKeyRotatedAt", nullValue()).body("previousSigningKeyValidUntil", nullValue());

        java.time.Instant before = java.time.Instant.now();
        var rotation = as(ADMIN).body(Map.of("overlapMinutes", 90))
                .when().post("/api/v1/studies/{id}/webhooks/{w}/rotate-secret", study, subscription)
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("subscriptionId", equalTo(subscription.toString()))
                .extract().jsonPath();
        String fresh = rotation.getString("secret");
        assertEquals(true, WebhookSecret.standardKey(fresh).isPresent(), "whsec_ + base64 of 32 bytes");
        assertNotEquals(SECRET, fresh);
        java.time.Instant until = java.time.Instant.parse(rotation.getString("previousSecretValidUntil"));
        assertEquals(true, !until.isBefore(before.plusSeconds(90 * 60 - 1))
                && !until.isAfter(java.time.Instant.now().plusSeconds(90 * 60 + 1)), until.toString());

        String single = as(ADMIN).when().get("/api/v1/studies/{id}/webhooks/{w}", study, subscription)
                .then().statusCode(200)
                .body("signingKeyRotatedAt", notNullValue())
                .body("previousSigningKeyValidUntil", notNullValue())
                .extract().asString();
        String list = as(ADMIN).when().get("/api/v1/studies/{id}/webhooks", study).then().statusCode(200)
                .extract().asString();
        for (String body : List.of(single, list)) {
            assertFalse(body.contains(fresh.substring(6)) || body.contains(SECRET.substring(6))
                    || body.contains("secret"), "secrets are never returned by reads");
        }
        String stored = QuarkusTransaction.requiringNew().call(() -> WebhookSubscription
                .<WebhookSubscription>findById(subscription).previousSecret);
        assertEquals(SECRET, stored, "the old secret is kept for the overlap");

        List<AuditEvent> audited = QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list(
                "resourceType = ?1 and resourceId = ?2 and action = 'update'", "webhook_subscription",
                subscription.toString()));
        assertEquals(1, audited.size());
        assertEquals("secret_rotated", audited.get(0).detail.get("change"));
        assertFalse(audited.get(0).detail.toString().contains(fresh.substring(6)), "no secret in the audit");
    }

    @Test
    void rotationWithoutBodyUsesTheDefaultOverlapAndRefusesOutOfRangeOverlaps() {
        UUID subscription = NotifyTestSupport.subscribe(study, "https://push.example.invalid/rd", SECRET,
                "alert.raised");
        java.time.Instant until = java.time.Instant.parse(as(ADMIN)
                .when().post("/api/v1/studies/{id}/webhooks/{w}/rotate-secret", study, subscription)
                .then().statusCode(200).extract().path("previousSecretValidUntil"));
        assertEquals(true, until.isAfter(java.time.Instant.now().plusSeconds(24 * 3600 - 60)), until.toString());
        for (int overlap : new int[] { -1, 10081 }) {
            problem(as(ADMIN).body(Map.of("overlapMinutes", overlap))
                    .when().post("/api/v1/studies/{id}/webhooks/{w}/rotate-secret", study, subscription).then(),
                    400, "PRO-1002").body("errors[0].field", equalTo("overlapMinutes"));
        }
        problem(as(ADMIN).body(Map.of("overlapMinutes", 5))
                .when().post("/api/v1/studies/{id}/webhooks/{w}/rotate-secret", study, UUID.randomUUID()).then(),
                404, "PRO-1003");
        UUID other = fixtures.study("Other rotation " + UUID.randomUUID());
        problem(as(ADMIN).body(Map.of("overlapMinutes", 5))
                .when().post("/api/v1/studies/{id}/webhooks/{w}/rotate-secret", other, subscription).then(),
                404, "PRO-1003");
        problem(as(TestTokens.bearer(TestTokens.clinician(staffClinician))).body(Map.of("overlapMinutes", 5))
                .when().post("/api/v1/studies/{id}/webhooks/{w}/rotate-secret", study, subscription).then(),
                403, "PRO-1009");
    }

    @Test
    void locationHeaderPointsAtTheNewSubscription() {
        as(ADMIN).body(validBody()).when().post("/api/v1/studies/{id}/webhooks", study)
                .then().statusCode(201).header("Location", startsWith("http"))
                .header("Location", not(endsWith("/webhooks")));
    }
}
