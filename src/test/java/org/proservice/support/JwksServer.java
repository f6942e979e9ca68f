package org.proservice.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Serves the public key of a second test key pair (jwt/jwks-*.pem, kid {@code jwks-1}) as a JWKS document, the
 * way Keycloak's certs endpoint does. It is not the dev key, so a test can tell that the JWKS was used.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(TestTokens.pemBody(TestTokens.resource("jwt/jwks-public.pem"))));
            Map<String, Object> jwk = Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", "jwks-1",
                    "n", TestTokens.b64(stripSign(key.getModulus().toByteArray())),
                    "e", TestTokens.b64(stripSign(key.getPublicExponent().toByteArray())));
            byte[] body = new ObjectMapper().writeValueAsBytes(Map.of("keys", List.of(jwk)));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/realms/pro/protocol/openid-connect/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/pro/protocol/openid-connect/certs";
            return Map.of("mp.jwt.verify.publickey.location", url, "%test.mp.jwt.verify.publickey.location", url);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] stripSign(byte[] b) {
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
