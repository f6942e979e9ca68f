package org.proservice.security;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.proservice.support.TestTokens;

/** Fixtures of the authorization matrix for the response, alert and report operations. */
final class ResponseBodies {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ResponseBodies() {
    }

    static Map<String, Object> phq9(int item9) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            answers.put("phq9_q" + i, 1);
        }
        answers.put("phq9_q9", item9);
        return answers;
    }

    static Map<String, Object> gad7() {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 1; i <= 7; i++) {
            answers.put("gad7_q" + i, 1);
        }
        return answers;
    }

    static String submission(String timepointKey, Map<String, Object> answers) {
        return submission(timepointKey, "phq9", answers);
    }

    static String submission(String timepointKey, String instrumentId, Map<String, Object> answers) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (timepointKey != null) {
            body.put("timepointKey", timepointKey);
        }
        body.put("instrumentId", instrumentId);
        body.put("instrumentVersion", "1.0");
        body.put("answers", answers);
        body.put("completedAt", Instant.now().minusSeconds(5).toString());
        return json(body);
    }

    static String amendment() {
        return json(Map.of("reason", "matrix correction", "answers", phq9(0)));
    }

    static UUID unscheduledResponse(String clinicianToken, UUID patient, int item9) {
        String id = given().header("Authorization", TestTokens.bearer(clinicianToken))
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(ContentType.JSON)
                .body(submission(null, phq9(item9)))
                .when().post("/api/v1/patients/{pid}/responses", patient).then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    static UUID alert(String clinicianToken, UUID patient, boolean acknowledged) {
        UUID response = unscheduledResponse(clinicianToken, patient, 1);
        List<Map<String, Object>> items = given().header("Authorization", TestTokens.bearer(clinicianToken))
                .queryParam("limit", 200).when().get("/api/v1/alerts").then().statusCode(200).extract().path("items");
        String id = items.stream().filter(a -> response.toString().equals(a.get("responseId"))).findFirst()
                .orElseThrow().get("id").toString();
        if (acknowledged) {
            given().header("Authorization", TestTokens.bearer(clinicianToken)).contentType(ContentType.JSON)
                    .body("{}").when().post("/api/v1/alerts/{id}/acknowledge", id).then().statusCode(200);
        }
        return UUID.fromString(id);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
