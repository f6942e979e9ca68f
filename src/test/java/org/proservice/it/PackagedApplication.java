package org.proservice.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a child process configured
 * only by environment variables, as in production. Its console output is kept for log assertions.
 */
final class PackagedApplication implements AutoCloseable {

    static final String ISSUER = "https://pro.local/test-issuer";
    static final String AUDIENCE = "pro-service";

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private PackagedApplication(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "packaged-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with nothing but the production environment variables, and waits until it is ready. */
    static PackagedApplication start() throws Exception {
        String schema = schema("_it");
        dropSchema(schema);
        return start(schema, Map.of());
    }

    /** {@code $PRO_IT_DB_SCHEMA}, else {@code $PRO_DB_SCHEMA} (default {@code pro_test}) + {@code suffix}. */
    static String schema(String suffix) {
        return env("PRO_IT_DB_SCHEMA", env("PRO_DB_SCHEMA", "pro_test") + suffix);
    }

    /**
     * Starts the jar on a free port against {@code schema} (not dropped: several instances may share it), with the
     * production environment variables plus {@code extraEnvironment}, and waits until it is ready.
     */
    static PackagedApplication start(String schema, Map<String, String> extraEnvironment) throws Exception {
        return start(schema, extraEnvironment, List.of());
    }

    /** {@link #start(String, Map)} with JVM options before {@code -jar} (e.g. {@code -Xmx64m}). */
    static PackagedApplication start(String schema, Map<String, String> extraEnvironment, List<String> jvmOptions)
            throws Exception {
        int port = freePort();
        PackagedApplication app = new PackagedApplication(launch(schema, extraEnvironment, jvmOptions, port), port);
        app.awaitReady(Duration.ofSeconds(90));
        return app;
    }

    /** How a run that was meant to end ended: its exit status and console output. */
    record Exited(int status, List<String> output) {
    }

    /**
     * Starts the jar like {@link #start(String, Map)} but waits for the process to exit by itself (a migration step,
     * or a start-up the application refuses) instead of for readiness.
     */
    static Exited runToExit(String schema, Map<String, String> extraEnvironment, Duration timeout) throws Exception {
        int port = freePort();
        PackagedApplication app = new PackagedApplication(launch(schema, extraEnvironment, List.of(), port), port);
        if (!app.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            app.close();
            throw new IllegalStateException("the application did not exit within " + timeout + ":\n"
                    + String.join("\n", app.output));
        }
        Thread.sleep(200); // let the reader thread take the last lines
        return new Exited(app.process.exitValue(), app.output());
    }

    private static Process launch(String schema, Map<String, String> extraEnvironment, List<String> jvmOptions,
            int port) throws IOException {
        Path appDir = Path.of(System.getProperty("pro.it.app-dir", "target/quarkus-app"));
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify (package before integration-test)");
        }
        Path publicKey = Path.of(System.getProperty("pro.it.public-key", "src/test/resources/jwt/dev-public.pem"))
                .toAbsolutePath();

        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(appDir.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PRO_DB_URL", dbUrl());
        environment.put("PRO_DB_USER", dbUser());
        environment.put("PRO_DB_PASSWORD", dbPassword());
        environment.put("PRO_DB_SCHEMA", schema);
        environment.put("PRO_JWT_KEY_LOCATION", "file:" + publicKey);
        environment.put("PRO_JWT_ISSUER", ISSUER);
        environment.put("PRO_JWT_AUDIENCE", AUDIENCE);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // The tests connect as the role that owns the schema; production refuses that unless told (OwnerRoleCheck).
        environment.put("PRO_DB_ALLOW_OWNER_ROLE", "true");
        environment.putAll(extraEnvironment);
        return builder.start();
    }

    // The same database as the tests (PRO_DB_* as in CI, else the local default), in a schema of its own.
    static String dbUrl() {
        return env("PRO_IT_DB_URL", env("PRO_DB_URL", "jdbc:postgresql://localhost:5432/postgres"));
    }

    static String dbUser() {
        return env("PRO_IT_DB_USER", env("PRO_DB_USER", "postgres"));
    }

    static String dbPassword() {
        return env("PRO_IT_DB_PASSWORD", env("PRO_DB_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A clean schema per run, so that edited migrations of a branch never meet an old history. */
    static void dropSchema(String schema) throws SQLException {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unsafe schema name " + schema);
        }
        try (Connection c = DriverManager.getConnection(dbUrl(), dbUser(), dbPassword());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + ":\n"
                        + String.join("\n", output));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the application was not ready within " + timeout + ":\n"
                + String.join("\n", output));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
