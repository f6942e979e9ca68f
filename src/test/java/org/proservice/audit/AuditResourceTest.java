package org.proservice.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

@QuarkusTest
class AuditResourceTest {

    static final String PROBLEM = "application/problem+json";
    static final Instant BASE = Instant.parse("2026-03-09T10:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    String tag;
    String actor;
    UUID patient;
    String adminAuth;

    @BeforeEach
    void events() throws SQLException {
        tag = UUID.randomUUID().toString().substring(0, 8);
        actor = "audit-actor-" + tag;
        patient = UUID.randomUUID();
        adminAuth = TestTokens.bearer(TestTokens.admin("audit-admin-" + tag));
        // 7 events of one actor at distinct times, two of them sharing one instant; 4 concern the patient.
        insert(BASE.plusSeconds(1), patient);
        insert(BASE.plusSeconds(2), null);
        insert(BASE.plusSeconds(3), patient);
        insert(BASE.plusSeconds(3), patient);
        insert(BASE.plusSeconds(4), null);
        insert(BASE.plusSeconds(5), patient);
        insert(BASE.plusSeconds(6), null);
    }

    void insert(Instant at, UUID patientId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_event (occurred_at, actor_subject, actor_role, action, resource_type, resource_id,
                                         patient_id, outcome, request_id)
                VALUES (?, ?, 'clinician', 'read', 'patient', ?, ?, 'allowed', ?)""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, actor);
            ps.setString(3, String.valueOf(patientId));
            ps.setObject(4, patientId);
            ps.setString(5, "seed-" + tag);
            ps.executeUpdate();
        }
    }

    @Test
    void adminPagesThroughAnActorsEventsNewestFirstWithoutGapsOrRepeats() {
        List<String> times = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().header("Authorization", adminAuth).queryParam("actor", actor).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/audit");
            page.then().statusCode(200).body("items.actorSubject", everyItem(equalTo(actor)));
            times.addAll(page.path("items.occurredAt"));
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(4, pages);
        assertEquals(7, ids.size());
        assertEquals(7, ids.stream().distinct().count());
        List<Instant> instants = times.stream().map(Instant::parse).toList();
        for (int i = 1; i < instants.size(); i++) {
            boolean ordered = instants.get(i).isBefore(instants.get(i - 1))
                    || instants.get(i).equals(instants.get(i - 1)) && ids.get(i) < ids.get(i - 1);
            assertEquals(true, ordered, "newest first at position " + i);
        }
    }

    @Test
    void filtersByPatientAndTimeRange() {
        given().header("Authorization", adminAuth).queryParam("patient", patient.toString())
                .get("/api/v1/audit")
                .then().statusCode(200).body("items", hasSize(4))
                .body("items.patientId", everyItem(equalTo(patient.toString())))
                .body("nextCursor", nullValue());
        given().header("Authorization", adminAuth).queryParam("actor", actor)
                .queryParam("from", BASE.plusSeconds(3).toString()).queryParam("to", BASE.plusSeconds(5).toString())
                .get("/api/v1/audit")
                .then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void readingTheAuditLogIsItselfAudited() {
        String admin = "audit-reader-" + tag;
        given().header("Authorization", TestTokens.bearer(TestTokens.admin(admin))).queryParam("actor", actor)
                .get("/api/v1/audit").then().statusCode(200);
        given().header("Authorization", adminAuth).queryParam("actor", admin).get("/api/v1/audit")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].resourceType", equalTo("audit_log"))
                .body("items[0].detail.actor", equalTo(actor));
    }

    @Test
    void anInvalidCursorIsABadRequest() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        for (String cursor : List.of("garbage", b64.encodeToString("a9:1:1".getBytes()),
                b64.encodeToString("a1:x:1".getBytes()), b64.encodeToString("a1:1:-5".getBytes()),
                b64.encodeToString("a1:1".getBytes()), "%%%")) {
            given().header("Authorization", adminAuth).queryParam("cursor", cursor).get("/api/v1/audit")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("PRO-1200")).body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void invalidFiltersAreNamedOneByOne() {
        given().header("Authorization", adminAuth)
                .queryParam("patient", "nope").queryParam("from", "yesterday").queryParam("limit", "1000")
                .get("/api/v1/audit")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("PRO-1002"))
                .body("errors.field", hasItem("patient")).body("errors.field", hasItem("from"))
                .body("errors.field", hasItem("limit"));
        given().header("Authorization", adminAuth).queryParam("limit", "0").get("/api/v1/audit")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
        given().header("Authorization", adminAuth).queryParam("limit", "two").get("/api/v1/audit")
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("c-" + tag))).get("/api/v1/audit")
                .then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("p-" + tag))).get("/api/v1/audit")
                .then().statusCode(403).contentType(PROBLEM);
        given().get("/api/v1/audit").then().statusCode(401).contentType(PROBLEM);
    }
}
