package org.proservice.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.proservice.support.TestTokens;

/** The payload rule and the refusals made before JAX-RS: problem+json with a ledger code, naming the field. */
@QuarkusTest
class PayloadRuleTest {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static final String ADMIN = TestTokens.bearer(TestTokens.admin("payload-admin"));

    @Test
    void aNulInAStudyNameIsRefusedWith422NamingTheField() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"a\\u0000b\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}")
                .when().post("/api/v1/studies")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1027"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void aLoneSurrogateDeepInsideTheBodyIsRefusedNamingItsPath() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"ok\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}, "
                        + "{\"code\": \"b\", \"label\": \"x\\ud800\"}]}")
                .when().post("/api/v1/studies")
                .then().statusCode(422)
                .body("code", equalTo("PRO-1027"))
                .body("errors[0].field", equalTo("arms[1].label"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\": \"one\", \"name\": \"two\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}")
                .when().post("/api/v1/studies")
                .then().statusCode(400)
                .body("code", equalTo("PRO-1001"))
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].code", equalTo("duplicate_key"));
    }

    @Test
    void overHttp2TheSameRuleHoldsAndAValidBodyIsStored() throws Exception {
        java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        java.net.URI studies = java.net.URI.create("http://localhost:" + port + "/api/v1/studies");
        java.util.function.Function<String, java.net.http.HttpResponse<String>> post = body -> {
            try {
                return h2.send(java.net.http.HttpRequest.newBuilder(studies).header("Authorization", ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        org.junit.jupiter.api.Assertions.assertEquals(201,
                post.apply("{\"name\": \"h2\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}").statusCode());
        java.net.http.HttpResponse<String> refused =
                post.apply("{\"name\": \"h\\u0000\", \"arms\": [{\"code\": \"a\", \"label\": \"A\"}]}");
        org.junit.jupiter.api.Assertions.assertEquals(422, refused.statusCode(), refused.body());
        org.junit.jupiter.api.Assertions.assertTrue(refused.body().contains("PRO-1027"), refused.body());
    }

    @Test
    void aNulInAQueryParameterIsRefusedNamingTheParameter() {
        given().header("Authorization", ADMIN).urlEncodingEnabled(false)
                .when().get("/api/v1/studies?cursor=a%00b")
                .then().statusCode(422)
                .body("code", equalTo("PRO-1027"))
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aNulInAPathSegmentIsRefused() {
        given().header("Authorization", ADMIN).urlEncodingEnabled(false)
                .when().get("/api/v1/studies/a%00b")
                .then().statusCode(422)
                .body("code", equalTo("PRO-1027"))
                .body("errors[0].field", equalTo("path"));
    }

    @Test
    void aTooLongUriIs414Problem() {
        given().when().get("/api/v1/studies?q=" + "x".repeat(10_000))
                .then().statusCode(414).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1025"));
    }

    @Test
    void tooLargeHeadersAre431Problem() {
        given().header("X-Filler", "y".repeat(20_000))
                .when().get("/api/v1/whoami")
                .then().statusCode(431).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("PRO-1026"));
    }
}
