package proservice.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same FHIR R4 requests against the service ({@code /fhir/r4}) and against its peer, a HAPI FHIR JPA server
 * (bench/peers/run.sh runs it once per target): create steps ({@code POST QuestionnaireResponse}, the body taken
 * from the service's own FHIR form of a loaded response, a fresh task and {@code Idempotency-Key} each), then search
 * steps ({@code GET QuestionnaireResponse?subject=Patient/x&_count=40&_sort=-authored}, a random loaded patient with
 * 40 responses; the check counts 40 QuestionnaireResponses in the Bundle, so both answer the same amount of data).
 * Request names are {@code create@<rate>} and {@code search@<rate>}; {@code warmup-*} are not reported.
 *
 * <p>System properties: {@code bench.baseUrl} (the FHIR base), {@code bench.idScheme} ({@code service}: patient ids
 * are the loader's md5-derived UUIDs and every request carries the patient's bearer token; {@code hapi}:
 * {@code Patient/bench-<subject>}, no token - the peer has no authorisation, as HAPI ships), {@code bench.templates}
 * (directory with {@code create-<instrument>.json}, placeholders {@code @SUBJECT@}, {@code @TIMEPOINT@},
 * {@code @AUTHORED@}), {@code bench.createSteps}, {@code bench.searchSteps}, {@code bench.stepSeconds},
 * {@code bench.pauseSeconds}, {@code bench.phasePauseSeconds} (60, after the last create step), {@code bench.warmupSeconds}, {@code bench.warmupRate}, {@code bench.submitters},
 * {@code bench.historyPatients}, {@code bench.count} (page size, 40), and the token settings of
 * {@link ProSimulation} ({@code bench.key}, {@code bench.issuer}, {@code bench.audience}).
 */
public class FhirPeerSimulation extends Simulation {

    static final String[] INSTRUMENTS = { "phq9", "gad7", "pcl5", "bpi-sf" };

    final String baseUrl = System.getProperty("bench.baseUrl", "http://127.0.0.1:8094/fhir");
    final boolean service = "service".equals(System.getProperty("bench.idScheme", "hapi"));
    final Path templates = Path.of(System.getProperty("bench.templates", "templates"));
    final List<Integer> createSteps = ProSimulation.ints(System.getProperty("bench.createSteps", "10,20"));
    final List<Integer> searchSteps = ProSimulation.ints(System.getProperty("bench.searchSteps", "20,40"));
    final int stepSeconds = Integer.getInteger("bench.stepSeconds", 5);
    final int pauseSeconds = Integer.getInteger("bench.pauseSeconds", 2);
    /** Between the last create step and the first search step: an overloaded create step's backlog has drained
     *  (answered or timed out, Gatling's request timeout is 60 s) before searches are measured. */
    final int phasePauseSeconds = Integer.getInteger("bench.phasePauseSeconds", 60);
    final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 5);
    final int warmupRate = Integer.getInteger("bench.warmupRate", 10);
    final long submitterBase = Long.getLong("bench.submitterBase", 3_000_000_001L);
    final long submitters = Long.getLong("bench.submitters", 100);
    final long historyBase = Long.getLong("bench.historyBase", 1_000_000_001L);
    final long historyPatients = Long.getLong("bench.historyPatients", 50);
    final int count = Integer.getInteger("bench.count", 40);
    final String authored = java.time.Instant.now().minus(java.time.Duration.ofDays(2))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    final String[] bodies = new String[INSTRUMENTS.length];
    final Tokens tokens = service
            ? new Tokens(System.getProperty("bench.key", "../../src/test/resources/jwt/dev-private.pem"),
                    System.getProperty("bench.issuer", "https://pro.local/bench-issuer"),
                    System.getProperty("bench.audience", "pro-service"))
            : null;

    /**
     * Next task to submit: patient submitterBase + n % submitters, task n / submitters (T0..T3 x four instruments).
     * Consecutive requests go to different patients, as patients submit one questionnaire at a time; walking one
     * patient through 16 tasks back to back would make that one caller send 16 requests at once, which the
     * service's per-caller limit refuses (429) by design.
     */
    final AtomicLong nextTask = new AtomicLong();

    final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/fhir+json")
            .contentTypeHeader("application/fhir+json")
            .shareConnections()
            .disableCaching();

    {
        for (int i = 0; i < INSTRUMENTS.length; i++) {
            Path p = templates.resolve("create-" + INSTRUMENTS[i] + ".json");
            try {
                bodies[i] = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("missing template " + p, e);
            }
        }
    }

    /** The FHIR id of the patient with this identity subject, as each target's loader created it. */
    String patientId(String subject) {
        if (!service) {
            return "bench-" + subject;
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest(("bench-patient:" + subject).getBytes(StandardCharsets.UTF_8));
            String h = HexFormat.of().formatHex(md5);
            return UUID.fromString(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20)).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Session withToken(Session session, String subject) {
        return session.set("token", service ? tokens.bearer(subject, "patient") : "");
    }

    HttpRequestActionBuilder authorised(HttpRequestActionBuilder request) {
        return service ? request.header("Authorization", "#{token}") : request;
    }

    ScenarioBuilder creates(String name) {
        return scenario(name).exec(session -> {
            long n = nextTask.getAndIncrement();
            if (n >= submitters * 16) {
                throw new IllegalStateException("out of submitter tasks: raise bench.submitters");
            }
            String subject = Long.toString(submitterBase + n % submitters);
            int task = (int) (n / submitters);
            String body = bodies[task % 4].replace("@SUBJECT@", "Patient/" + patientId(subject))
                    .replace("@TIMEPOINT@", "T" + (task / 4)).replace("@AUTHORED@", authored);
            return withToken(session, subject).set("body", body).set("key", UUID.randomUUID().toString());
        }).exec(authorised(http(name).post("/QuestionnaireResponse")
                .header("Idempotency-Key", "#{key}")
                .body(StringBody("#{body}"))
                .check(status().is(201), header("Location").exists())));
    }

    ScenarioBuilder searches(String name) {
        return scenario(name).exec(session -> {
            String subject = Long.toString(historyBase + ThreadLocalRandom.current().nextLong(historyPatients));
            return withToken(session, subject).set("patient", patientId(subject));
        }).exec(authorised(http(name)
                .get("/QuestionnaireResponse?subject=Patient/#{patient}&_count=" + count + "&_sort=-authored")
                .check(status().is(200),
                        substring("\"resourceType\":\"QuestionnaireResponse\"").count().is(count))));
    }

    {
        if (service) { // HAPI takes no token; the service's are signed before the first request (Tokens.presign)
            tokens.presign(submitterBase, submitters, "patient");
            if (!searchSteps.isEmpty()) {
                tokens.presign(historyBase, historyPatients, "patient");
            }
        }
        List<PopulationBuilder> steps = new ArrayList<>();
        if (warmupSeconds > 0) {
            steps.add(creates("warmup-create").injectOpen(constantUsersPerSec(warmupRate).during(warmupSeconds)));
            steps.add(searches("warmup-search").injectOpen(constantUsersPerSec(warmupRate).during(warmupSeconds)));
        }
        for (int rate : createSteps) {
            steps.add(creates("create@" + rate).injectOpen(constantUsersPerSec(rate).during(stepSeconds)));
        }
        for (int rate : searchSteps) {
            steps.add(searches("search@" + rate).injectOpen(constantUsersPerSec(rate).during(stepSeconds)));
        }
        int lastCreate = (warmupSeconds > 0 ? 2 : 0) + createSteps.size() - 1;
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            int seconds = i == lastCreate && !searchSteps.isEmpty() ? Math.max(pauseSeconds, phasePauseSeconds)
                    : pauseSeconds;
            chain = steps.get(i).andThen(scenario("pause-" + i).pause(seconds).injectOpen(atOnceUsers(1))
                    .andThen(chain));
        }
        setUp(chain).protocols(protocol);
    }
}
