package org.proservice.study.protocol;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proservice.support.Fixtures;
import org.proservice.support.SqlErrors;
import org.proservice.support.TestTokens;

@QuarkusTest
class ProtocolVersionResourceTest {

    static final List<String> ALL = List.of("phq9", "gad7", "pcl5", "bpi-sf");

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource dataSource;

    static Map<String, Object> tp(String key, String anchor, boolean baseline) {
        Map<String, Object> m = new HashMap<>();
        m.put("key", key);
        m.put("label", "Label " + key);
        m.put("anchor", anchor);
        m.put("offsetDays", 1);
        m.put("windowDaysBefore", 0);
        m.put("windowDaysAfter", 6);
        m.put("instruments", ALL);
        m.put("baseline", baseline);
        return m;
    }

    static Map<String, Object> body(Boolean migrate) {
        Map<String, Object> b = new HashMap<>();
        b.put("anchors", List.of("session-1", "session-3", "session-6"));
        b.put("timepoints", List.of(tp("T0", "enrollment", true), tp("T1", "session-1", false)));
        if (migrate != null) {
            b.put("migrateEnrolled", migrate);
        }
        return b;
    }

    static io.restassured.response.ValidatableResponse publish(UUID study, Object body) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.admin("pv-admin")))
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/studies/{id}/protocol-versions", study).then();
    }

    @Test
    void adminPublishesVersionsNumberedOneTwoThreeWithLocation() {
        UUID study = fixtures.study("pv-numbering");
        publish(study, body(null)).statusCode(201)
                .header("Location", endsWith("/api/v1/studies/" + study + "/protocol-versions/1"))
                .body("version", equalTo(1))
                .body("anchors", equalTo(List.of("enrollment", "session-1", "session-3", "session-6")))
                .body("lateSubmissions", equalTo("accept_marked_late"))
                .body("graceHours", equalTo(0))
                .body("timepoints[1].arms", nullValue())
                .body("publishedBy", equalTo("pv-admin"));
        publish(study, body(false)).statusCode(201).body("version", equalTo(2));
        publish(study, body(true)).statusCode(201).body("version", equalTo(3)).body("migrateEnrolled", equalTo(true));
    }

    @Test
    void invalidProtocolIsRefusedNamingEveryProblem() {
        UUID study = fixtures.study("pv-invalid");
        Map<String, Object> bad = new HashMap<>();
        Map<String, Object> t0 = tp("T0", "enrollment", false);
        t0.put("instruments", List.of("phq9", "moca"));
        Map<String, Object> t1 = tp("T0", "session-9", false);
        t1.put("windowDaysAfter", -3);
        t1.put("arms", List.of("arm-z"));
        bad.put("anchors", List.of("session-1", "session-1"));
        bad.put("timepoints", List.of(t0, t1));
        publish(study, bad).statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1300"))
                .body("errors.field", containsInAnyOrder("anchors[1]", "timepoints[0].instruments[1]",
                        "timepoints[1].key", "timepoints[1].anchor", "timepoints[1].windowDaysAfter",
                        "timepoints[1].arms[0]", "timepoints"))
                .body("errors.code", hasItems("duplicate_anchor", "unknown_instrument", "duplicate_key",
                        "unknown_anchor", "negative", "unknown_arm", "no_baseline"));
    }

    @Test
    void secondVersionMustSayWhetherEnrolledPatientsMove() {
        UUID study = fixtures.study("pv-migrate-required");
        publish(study, body(null)).statusCode(201);
        publish(study, body(null)).statusCode(422).body("code", equalTo("PRO-1300"))
                .body("errors.field", equalTo(List.of("migrateEnrolled")));
    }

    @Test
    void armFilterMustNameArmsOfTheStudy() {
        UUID study = fixtures.study("pv-arms");
        Map<String, Object> b = body(null);
        Map<String, Object> t1 = tp("T1", "session-1", false);
        t1.put("arms", List.of("arm-b"));
        b.put("timepoints", List.of(tp("T0", "enrollment", true), t1));
        publish(study, b).statusCode(201).body("timepoints[1].arms", equalTo(List.of("arm-b")));
    }

    @Test
    void adminAndStaffReadAVersionOthersCannot() {
        UUID study = fixtures.study("pv-read", "pv-staff");
        publish(study, body(null)).statusCode(201);
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("any-admin")))
                .when().get("/api/v1/studies/{id}/protocol-versions/1", study)
                .then().statusCode(200).body("version", equalTo(1)).body("timepoints", hasSize(2));
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("pv-staff")))
                .when().get("/api/v1/studies/{id}/protocol-versions/1", study)
                .then().statusCode(200).body("timepoints[0].key", equalTo("T0"));
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("pv-staff")))
                .when().get("/api/v1/studies/{id}/protocol-versions", study)
                .then().statusCode(200).body("version", equalTo(List.of(1)));
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("pv-not-staff")))
                .when().get("/api/v1/studies/{id}/protocol-versions/1", study)
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1003"));
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("pv-patient")))
                .when().get("/api/v1/studies/{id}/protocol-versions/1", study)
                .then().statusCode(403).body("code", equalTo("PRO-1009"));
        given().when().get("/api/v1/studies/{id}/protocol-versions/1", study)
                .then().statusCode(401).body("code", equalTo("PRO-1008"));
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("any-admin")))
                .when().get("/api/v1/studies/{id}/protocol-versions/7", study)
                .then().statusCode(404).body("code", equalTo("PRO-1003"));
    }

    @Test
    void onlyAdminsPublish() {
        UUID study = fixtures.study("pv-publish-roles", "pv-staff-2");
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("pv-staff-2")))
                .contentType(ContentType.JSON).body(body(null))
                .when().post("/api/v1/studies/{id}/protocol-versions", study)
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1009"));
        given().contentType(ContentType.JSON).body(body(null))
                .when().post("/api/v1/studies/{id}/protocol-versions", study)
                .then().statusCode(401).body("code", equalTo("PRO-1008"));
        publish(UUID.randomUUID(), body(null)).statusCode(404).body("code", equalTo("PRO-1003"));
    }

    @Test
    void thereIsNoWayToUpdateAPublishedVersion() throws SQLException {
        UUID study = fixtures.study("pv-immutable");
        publish(study, body(null)).statusCode(201);
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("pv-admin")))
                .contentType(ContentType.JSON).body(body(null))
                .when().put("/api/v1/studies/{id}/protocol-versions/1", study)
                // No update route: 405, or 404 "no such endpoint" depending on how Quarkus REST matches roots.
                .then().statusCode(anyOf(equalTo(404), equalTo(405))).contentType(startsWith("application/problem+json"))
                .body("code", anyOf(equalTo("PRO-1004"), equalTo("PRO-1005")));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            SqlErrors.assertRefused(SqlErrors.INSUFFICIENT_PRIVILEGE, "protocol_version is immutable once published",
                    () -> s.executeUpdate("update protocol_version set grace_hours = 5 where study_id = '" + study
                            + "'"), "update of a published protocol version");
            SqlErrors.assertRefused(SqlErrors.INSUFFICIENT_PRIVILEGE, "protocol_timepoint is immutable once published",
                    () -> s.executeUpdate("delete from protocol_timepoint where study_id = '" + study + "'"),
                    "delete of a published timepoint");
        }
    }

    @Test
    void timepointRowsMirrorThePublishedDefinition() throws SQLException {
        UUID study = fixtures.study("pv-rows");
        Map<String, Object> b = body(null);
        Map<String, Object> t1 = tp("T1", "session-1", false);
        t1.put("arms", List.of("arm-a"));
        b.put("timepoints", new ArrayList<>(List.of(tp("T0", "enrollment", true), t1)));
        publish(study, b).statusCode(201);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select timepoint_key, is_baseline, array_to_string(arm_codes, ','), "
                        + "array_to_string(instruments, ',') from protocol_timepoint where study_id = '" + study
                        + "' order by position")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getBoolean(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
            org.junit.jupiter.api.Assertions.assertEquals(List.of("T0|true|null|phq9,gad7,pcl5,bpi-sf",
                    "T1|false|arm-a|phq9,gad7,pcl5,bpi-sf"), rows);
        }
    }
}
