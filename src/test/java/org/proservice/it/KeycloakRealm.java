package org.proservice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The realm {@code pro} of a running Keycloak (started by {@code idp/keycloak.sh}, which prints the settings read
 * here): tokens from its real token endpoint, and signing-key rotation through its admin REST API. Test users,
 * passwords and the integrator secret are the test material of {@code idp/keycloak/pro-realm.json}.
 */
final class KeycloakRealm {

    static final String REALM = "pro";
    static final String AUDIENCE = "pro-service";
    static final String GROUPS_PATH = "resource_access/pro-service/roles";
    /** Test-only public client with the password grant (the mobile app's client allows only code + PKCE). */
    static final String TEST_CLIENT = "pro-e2e-test";
    static final String INTEGRATOR_CLIENT = "pro-integrator";
    static final String INTEGRATOR_SECRET = "test-only-integrator-secret-not-for-production";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String adminUser;
    private final String adminPassword;

    private KeycloakRealm(String baseUrl, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** The Keycloak named by {@code PRO_IT_KEYCLOAK_URL} (and its admin), or null when none is configured. */
    static KeycloakRealm fromEnvironment() {
        String url = System.getenv("PRO_IT_KEYCLOAK_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new KeycloakRealm(url.replaceAll("/+$", ""), System.getenv("PRO_IT_KEYCLOAK_ADMIN_USER"),
                System.getenv("PRO_IT_KEYCLOAK_ADMIN_PASSWORD"));
    }

    String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** The service's token settings for this realm, as production would set them. */
    Map<String, String> serviceEnvironment() {
        return Map.of("PRO_JWT_KEY_LOCATION", jwksUrl(),
                "PRO_JWT_ISSUER", issuer(),
                "PRO_JWT_AUDIENCE", AUDIENCE,
                "PRO_JWT_GROUPS_PATH", GROUPS_PATH);
    }

    /** An access token for a test user (password grant on the test-only client). */
    String userToken(String username, String password) throws Exception {
        return tokenFrom(issuer(), Map.of("grant_type", "password", "client_id", TEST_CLIENT,
                "username", username, "password", password));
    }

    /** An access token for the integrator's service account (client credentials). */
    String integratorToken() throws Exception {
        return tokenFrom(issuer(), Map.of("grant_type", "client_credentials", "client_id", INTEGRATOR_CLIENT,
                "client_secret", INTEGRATOR_SECRET));
    }

    private String tokenFrom(String realmUrl, Map<String, String> form) throws Exception {
        URI endpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    /**
     * Rotates the realm's RS256 signing key: adds a new generated RSA key provider with a higher priority (it
     * signs from now on) and disables the provider that signed until now (its key leaves the JWKS). Returns the
     * key id that signed before.
     */
    String rotateSigningKey() throws Exception {
        String admin = tokenFrom(baseUrl + "/realms/master",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", adminUser,
                        "password", adminPassword));
        JsonNode keys = admin("GET", "/keys", admin, null);
        String oldKid = keys.path("active").path("RS256").asText();
        String oldProvider = null;
        int highestPriority = 0;
        for (JsonNode key : keys.path("keys")) {
            if ("RS256".equals(key.path("algorithm").asText())) {
                highestPriority = Math.max(highestPriority, key.path("providerPriority").asInt());
                if (oldKid.equals(key.path("kid").asText())) {
                    oldProvider = key.path("providerId").asText();
                }
            }
        }
        if (oldProvider == null) {
            throw new IllegalStateException("no provider for the active RS256 key " + oldKid + ": " + keys);
        }
        ObjectNode provider = JSON.createObjectNode()
                .put("name", "rsa-rotated-" + System.currentTimeMillis())
                .put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider")
                .put("parentId", admin("GET", "", admin, null).path("id").asText());
        ObjectNode config = provider.putObject("config");
        config.putArray("priority").add(Integer.toString(highestPriority + 100));
        config.putArray("enabled").add("true");
        config.putArray("active").add("true");
        config.putArray("algorithm").add("RS256");
        config.putArray("keySize").add("2048");
        admin("POST", "/components", admin, provider);

        ObjectNode old = (ObjectNode) admin("GET", "/components/" + oldProvider, admin, null);
        ((ObjectNode) old.path("config")).set("enabled", JSON.createArrayNode().add("false"));
        admin("PUT", "/components/" + oldProvider, admin, old);
        return oldKid;
    }

    private JsonNode admin(String method, String path, String token, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** The decoded payload of a JWT (no verification: the service does that). */
    static JsonNode claims(String jwt) throws IOException {
        return part(jwt, 1);
    }

    /** The key id in the JWT's header. */
    static String kid(String jwt) throws IOException {
        return part(jwt, 0).path("kid").asText();
    }

    private static JsonNode part(String jwt, int index) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
