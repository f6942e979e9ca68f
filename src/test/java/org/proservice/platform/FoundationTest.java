package org.proservice.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

@QuarkusTest
class FoundationTest {

    @Test
    void anonymousCallerGets401Problem() {
        given().when().get("/api/v1/whoami")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("PRO-1008"))
                .body("status", equalTo(401))
                .body("requestId", notNullValue());
    }

    @Test
    void signedTokenIdentifiesCallerAndRoles() {
        given().header("Authorization", TestTokens.bearer(TestTokens.token("sub-42", "clinician", "admin")))
                .when().get("/api/v1/whoami")
                .then().statusCode(200)
                .body("subject", equalTo("sub-42"))
                .body("roles", containsInAnyOrder("admin", "clinician"));
    }

    @Test
    void unknownPathGets404Problem() {
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("p")))
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1004"));
    }

    @Test
    void unknownPathOutsideApiGets404Problem() {
        given().when().get("/nothing-here")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1004"));
    }

    @Test
    void aPathIdThatIsNotAUuidIsNotFoundAndNamesTheParameter() {
        given().header("Authorization", TestTokens.bearer(TestTokens.clinician("c-malformed")))
                .when().get("/api/v1/patients/not-a-uuid/responses")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1003"))
                .body("errors[0].field", equalTo("pid"))
                .body("errors[0].code", equalTo("invalid_uuid"))
                .body("detail", not(containsString("not-a-uuid")));
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("p-malformed")))
                .when().get("/api/v1/me/responses/12345")
                .then().statusCode(404)
                .body("code", equalTo("PRO-1003"))
                .body("errors[0].field", equalTo("rid"));
    }

    @Test
    void aQueryParameterThatDoesNotParseIsA400NamingIt() {
        String patient = TestTokens.bearer(TestTokens.patient("p-malformed"));
        given().header("Authorization", patient).queryParam("from", "yesterday")
                .when().get("/api/v1/me/responses")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1002"))
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].code", equalTo("invalid_instant"));
        given().header("Authorization", patient).queryParam("limit", "ten")
                .when().get("/api/v1/me/responses")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("limit"))
                .body("errors[0].code", equalTo("invalid_integer"));
        given().header("Authorization", patient).queryParam("includeSuperseded", "maybe")
                .when().get("/api/v1/me/responses")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("includeSuperseded"))
                .body("errors[0].code", equalTo("invalid_boolean"));
    }

    @Test
    void authenticationIsCheckedBeforeParameters() {
        given().when().get("/api/v1/patients/not-a-uuid/responses")
                .then().statusCode(401)
                .body("code", equalTo("PRO-1008"));
    }

    @Test
    void wrongMethodGets405Problem() {
        given().header("Authorization", TestTokens.bearer(TestTokens.patient("p")))
                .when().delete("/api/v1/whoami")
                .then().statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1005"));
    }

    @Test
    void requestIdIsEchoedWhenSane() {
        given().header("X-Request-Id", "client-req-0001")
                .when().get("/api/v1/whoami")
                .then().statusCode(401)
                .header("X-Request-Id", equalTo("client-req-0001"))
                .body("requestId", equalTo("client-req-0001"));
    }

    @Test
    void healthEndpointsAreUpWithDatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("Database")));
    }

    @Test
    void prometheusMetricsIncludeHttpServerRequests() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds"));
    }
}
