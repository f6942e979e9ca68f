package org.proservice.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/**
 * Every request body is read strictly: a property the schema does not have is refused with a problem naming it,
 * whatever the endpoint. Driven by the served OpenAPI document, so a new endpoint with a body is covered too.
 */
@QuarkusTest
class StrictBodiesTest {

    static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    record Operation(String method, String path) {
    }

    @Test
    void everyOperationWithABodyRefusesAnUnknownPropertyNamingIt() throws Exception {
        List<Operation> withBody = operationsWithJsonBody();
        assertFalse(withBody.size() < 10, "the OpenAPI document lists the body-taking operations: " + withBody);
        List<String> tokens = List.of(TestTokens.patient("strict-pat-" + UUID.randomUUID()),
                TestTokens.clinician("strict-clin"), TestTokens.admin("strict-admin"));
        for (Operation op : withBody) {
            boolean named = false;
            for (String token : tokens) {
                Response r = given().header("Authorization", TestTokens.bearer(token))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(ContentType.JSON).body("{\"padding\": \"x\"}")
                        .request(op.method(), concrete(op.path()));
                assertFalse(r.statusCode() < 300, op + " accepted a body with an unknown property");
                if (r.statusCode() == 400) {
                    r.then().contentType("application/problem+json").body("code", equalTo("PRO-1001"))
                            .body("errors[0].field", equalTo("padding"))
                            .body("errors[0].code", equalTo("unknown_field"));
                    named = true;
                }
            }
            assertTrue(named, op + ": no role got a 400 naming the unknown property");
        }
    }

    @Test
    void aMisspelledOptionalFieldIsNamedWithItsPath() {
        given().header("Authorization", TestTokens.bearer(TestTokens.admin("strict-admin")))
                .contentType(ContentType.JSON)
                .body("""
                        {"anchors": ["session-1"], "timepoints": [{"key": "T0", "anchor": "enrollment",
                          "offsetDays": 0, "windowDaysBefore": 0, "windowDaysAfter": 7, "instruments": ["phq9"],
                          "baselin": true}]}""")
                .when().post("/api/v1/studies/{id}/protocol-versions", UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("PRO-1001"))
                .body("errors[0].field", equalTo("timepoints[0].baselin"))
                .body("errors[0].code", equalTo("unknown_field"));
    }

    @Test
    void aMisspelledSubmissionFieldIsRefusedBeforeAnythingIsStored() {
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("strict-pat-" + UUID.randomUUID())))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(Map.of("timepointKey", "T0", "instrumentId", "gad7", "instrumentVersion", "1.0",
                        "answers", Map.of("gad7_q1", 1), "completedAt", "2026-03-10T09:15:00Z",
                        "studyID", UUID.randomUUID().toString()))
                .when().post("/api/v1/me/responses")
                .then().statusCode(400).body("code", equalTo("PRO-1001"))
                .body("errors[0].field", equalTo("studyID"));
    }

    private static List<Operation> operationsWithJsonBody() throws Exception {
        String json = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        JsonNode doc = new ObjectMapper().readTree(json);
        List<Operation> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue().path("requestBody").path("content").has("application/json")) {
                    out.add(new Operation(op.getKey().toUpperCase(), path.getKey()));
                }
            }
        }
        return out;
    }

    private static String concrete(String path) {
        Matcher m = PATH_PARAM.matcher(path);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "version" -> "1";
                case "timepointKey" -> "T0";
                case "instrumentId" -> "phq9";
                case "subject" -> "strict-subject";
                case "id" -> path.startsWith("/api/v1/instruments") ? "phq9" : UUID.randomUUID().toString();
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(sb, value);
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
