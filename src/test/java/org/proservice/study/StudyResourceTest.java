package org.proservice.study;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.AuditRows;
import org.proservice.support.TestTokens;

@QuarkusTest
class StudyResourceTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    AuditRows auditRows;

    String tag;
    String admin;

    @BeforeEach
    void names() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        admin = "admin-" + tag;
    }

    String pilot() {
        return """
                {"name": "KAP pilot %s", "description": "two arms",
                 "arms": [{"code": "psychedelic-im", "label": "Psychedelic IM"},
                          {"code": "psycholytic-sl", "label": "Psycholytic SL"}]}""".formatted(tag);
    }

    String adminAuth() {
        return TestTokens.bearer(TestTokens.admin(admin));
    }

    String createStudy() {
        return given().header("Authorization", adminAuth()).contentType(ContentType.JSON).body(pilot())
                .post("/api/v1/studies").then().statusCode(201).extract().path("id");
    }

    void putStaff(String studyId, String subject) {
        given().header("Authorization", adminAuth())
                .put("/api/v1/studies/{id}/staff/{subject}", studyId, subject).then().statusCode(201);
    }

    @Test
    void adminCreatesAStudyWithArmsAndGetsItsLocation() {
        Response created = given().header("Authorization", adminAuth()).contentType(ContentType.JSON).body(pilot())
                .when().post("/api/v1/studies");
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("name", equalTo("KAP pilot " + tag))
                .body("arms.code", containsInAnyOrder("psychedelic-im", "psycholytic-sl"))
                .body("createdBy", equalTo(admin));
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/studies/" + id), created.header("Location"));

        given().header("Authorization", adminAuth()).get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo(id)).body("arms", hasSize(2));
    }

    @Test
    void creatingAStudyNamesEveryInvalidField() {
        given().header("Authorization", adminAuth()).contentType(ContentType.JSON)
                .body("""
                        {"name": " ", "arms": [{"code": "Bad Code", "label": "ok"}, {"code": "b"}]}""")
                .when().post("/api/v1/studies")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("PRO-1002"))
                .body("errors.field", containsInAnyOrder("name", "arms[0].code", "arms[1].label"));
    }

    @Test
    void aStudyNeedsAtLeastOneArm() {
        given().header("Authorization", adminAuth()).contentType(ContentType.JSON)
                .body("{\"name\": \"No arms\", \"arms\": []}")
                .when().post("/api/v1/studies")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("arms"));
    }

    @Test
    void duplicateArmCodesAreUnprocessableAndNamed() {
        given().header("Authorization", adminAuth()).contentType(ContentType.JSON)
                .body("""
                        {"name": "Dup", "arms": [{"code": "a", "label": "A"}, {"code": "a", "label": "A again"}]}""")
                .when().post("/api/v1/studies")
                .then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("PRO-1016"))
                .body("errors[0].field", equalTo("arms[1].code"))
                .body("errors[0].code", equalTo("duplicate"));
    }

    @Test
    void aMissingBodyIsABadRequest() {
        given().header("Authorization", adminAuth()).contentType(ContentType.JSON)
                .when().post("/api/v1/studies")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void clinicianSeesOnlyTheStudiesTheyAreStaffOf() {
        String mine = createStudy();
        String other = createStudy();
        String clinician = "clin-" + tag;
        putStaff(mine, clinician);
        String auth = TestTokens.bearer(TestTokens.clinician(clinician));

        given().header("Authorization", auth).get("/api/v1/studies")
                .then().statusCode(200).body("id", hasItem(mine)).body("id", not(hasItem(other)));
        given().header("Authorization", auth).get("/api/v1/studies/{id}", mine)
                .then().statusCode(200).body("staff.subject", hasItem(clinician));
        given().header("Authorization", auth).header("X-Request-Id", "deny-" + tag)
                .get("/api/v1/studies/{id}", other)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("PRO-1003"));

        var denial = auditRows.byRequestId("deny-" + tag);
        assertEquals(1, denial.size());
        assertEquals("denied", denial.get(0).outcome());
        assertEquals(clinician, denial.get(0).actorSubject());
    }

    @Test
    void adminListsEveryStudy() {
        String a = createStudy();
        String b = createStudy();
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("another-admin-" + tag)))
                .get("/api/v1/studies").then().statusCode(200).body("id", hasItem(a)).body("id", hasItem(b));
    }

    @Test
    void anUnknownStudyAndAnotherStudyGetTheSameAnswer() {
        String other = createStudy();
        String auth = TestTokens.bearer(TestTokens.clinician("clin-" + tag));
        String unknown = given().header("Authorization", auth).get("/api/v1/studies/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).extract().path("detail");
        String invisible = given().header("Authorization", auth).get("/api/v1/studies/{id}", other)
                .then().statusCode(404).contentType(PROBLEM).extract().path("detail");
        assertEquals(unknown, invisible);
    }

    @Test
    void patientsMayNotReadStudies() {
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("pat-" + tag)))
                .get("/api/v1/studies").then().statusCode(403).contentType(PROBLEM).body("code", equalTo("PRO-1009"));
    }

    @Test
    void staffLifecycleChangesWhoSeesTheStudyAndIsAudited() {
        String study = createStudy();
        String clinician = "clin-life-" + tag;
        String auth = TestTokens.bearer(TestTokens.clinician(clinician));

        given().header("Authorization", adminAuth()).header("X-Request-Id", "staff-add-" + tag)
                .contentType(ContentType.JSON).body("{\"role\": \"investigator\"}")
                .put("/api/v1/studies/{id}/staff/{subject}", study, clinician)
                .then().statusCode(201).body("subject", equalTo(clinician)).body("role", equalTo("investigator"))
                .body("addedBy", equalTo(admin));
        given().header("Authorization", auth).get("/api/v1/studies/{id}", study).then().statusCode(200);

        given().header("Authorization", adminAuth()).contentType(ContentType.JSON).body("{\"role\": \"clinician\"}")
                .put("/api/v1/studies/{id}/staff/{subject}", study, clinician)
                .then().statusCode(200).body("role", equalTo("clinician"));

        given().header("Authorization", adminAuth()).header("X-Request-Id", "staff-del-" + tag)
                .delete("/api/v1/studies/{id}/staff/{subject}", study, clinician).then().statusCode(204);
        given().header("Authorization", auth).get("/api/v1/studies/{id}", study).then().statusCode(404);
        given().header("Authorization", adminAuth())
                .delete("/api/v1/studies/{id}/staff/{subject}", study, clinician)
                .then().statusCode(404).contentType(PROBLEM);

        var added = auditRows.byRequestId("staff-add-" + tag);
        assertEquals(1, added.size());
        assertEquals("create", added.get(0).action());
        assertEquals("study_staff", added.get(0).resourceType());
        assertEquals(clinician, added.get(0).resourceId());
        assertEquals(UUID.fromString(study), added.get(0).studyId());
        assertEquals("delete", auditRows.byRequestId("staff-del-" + tag).get(0).action());
    }

    @Test
    void staffRoleMustBeKnown() {
        String study = createStudy();
        given().header("Authorization", adminAuth()).contentType(ContentType.JSON).body("{\"role\": \"owner\"}")
                .put("/api/v1/studies/{id}/staff/{subject}", study, "x-" + tag)
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("role"));
    }

    @Test
    void staffCannotBeAddedToAStudyThatDoesNotExist() {
        given().header("Authorization", adminAuth())
                .put("/api/v1/studies/{id}/staff/{subject}", UUID.randomUUID(), "x-" + tag)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("PRO-1003"));
    }
}
