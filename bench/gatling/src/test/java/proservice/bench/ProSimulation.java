package proservice.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load against the packaged service: submission steps (constant arrival rate per step, one POST per
 * virtual user, fresh task and fresh Idempotency-Key each), then history-read steps. Each step is its own scenario
 * and request name ({@code submit@40}, {@code history@80}), so the report carries percentiles per step; steps run one
 * after the other ({@code andThen}).
 *
 * <p>System properties (bench/run.sh sets them): {@code bench.baseUrl}, {@code bench.key} (PKCS#8 PEM of the test
 * signing key), {@code bench.issuer}, {@code bench.audience}, {@code bench.submitSteps} and {@code bench.historySteps}
 * (comma-separated arrivals per second), {@code bench.stepSeconds}, {@code bench.submitterBase} (first submitter's
 * identity subject, numeric), {@code bench.submitters}, {@code bench.historyBase}, {@code bench.historyPatients},
 * {@code bench.pauseSeconds} between steps, {@code bench.warmupSeconds} and {@code bench.warmupRate} (a submission and a
 * history warm-up before the measured steps).
 */
public class ProSimulation extends Simulation {

    static final String[] INSTRUMENTS = { "phq9", "gad7", "pcl5", "bpi-sf" };
    static final String[] ANSWERS = {
        "{\"phq9_q1\":1,\"phq9_q2\":2,\"phq9_q3\":1,\"phq9_q4\":0,\"phq9_q5\":3,\"phq9_q6\":1,\"phq9_q7\":0,"
            + "\"phq9_q8\":1,\"phq9_q9\":0,\"phq9_difficulty\":1}",
        "{\"gad7_q1\":1,\"gad7_q2\":2,\"gad7_q3\":1,\"gad7_q4\":0,\"gad7_q5\":3,\"gad7_q6\":1,\"gad7_q7\":0,"
            + "\"gad7_difficulty\":1}",
        "{\"pcl5_q1\":1,\"pcl5_q2\":2,\"pcl5_q3\":1,\"pcl5_q4\":0,\"pcl5_q5\":3,\"pcl5_q6\":1,\"pcl5_q7\":0,"
            + "\"pcl5_q8\":1,\"pcl5_q9\":2,\"pcl5_q10\":1,\"pcl5_q11\":0,\"pcl5_q12\":1,\"pcl5_q13\":2,\"pcl5_q14\":1,"
            + "\"pcl5_q15\":0,\"pcl5_q16\":1,\"pcl5_q17\":2,\"pcl5_q18\":1,\"pcl5_q19\":0,\"pcl5_q20\":1}",
        "{\"bpi_q1_pain_today\":1,\"bpi_q3_worst\":6,\"bpi_q4_least\":2,\"bpi_q5_average\":4,\"bpi_q6_now\":3,"
            + "\"bpi_q8_relief_pct\":40,\"bpi_q9a_general_activity\":5,\"bpi_q9b_mood\":4,"
            + "\"bpi_q9c_walking_ability\":3,\"bpi_q9d_normal_work\":5,\"bpi_q9e_relations\":2,\"bpi_q9f_sleep\":6,"
            + "\"bpi_q9g_enjoyment_of_life\":4}" };

    final String baseUrl = System.getProperty("bench.baseUrl", "http://127.0.0.1:8197");
    final Tokens tokens = new Tokens(System.getProperty("bench.key", "../../src/test/resources/jwt/dev-private.pem"),
            System.getProperty("bench.issuer", "https://pro.local/bench-issuer"),
            System.getProperty("bench.audience", "pro-service"));
    final List<Integer> submitSteps = ints(System.getProperty("bench.submitSteps", "10,20,40"));
    final List<Integer> historySteps = ints(System.getProperty("bench.historySteps", "20,40"));
    /** The history request's query string: the full page by default, "limit=50&answers=false" for the light one. */
    final String historyQuery = System.getProperty("bench.historyQuery", "limit=50");
    final int stepSeconds = Integer.getInteger("bench.stepSeconds", 5);
    final long submitterBase = Long.getLong("bench.submitterBase", 3_000_000_001L);
    final long submitters = Long.getLong("bench.submitters", 100);
    final long historyBase = Long.getLong("bench.historyBase", 1_000_000_001L);
    final long historyPatients = Long.getLong("bench.historyPatients", 50);
    final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 5);
    final int warmupRate = Integer.getInteger("bench.warmupRate", 10);
    final int pauseSeconds = Integer.getInteger("bench.pauseSeconds", 2);
    final String completedAt = java.time.Instant.now().minus(java.time.Duration.ofDays(2))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

    /**
     * Next task to submit: patient submitterBase + n % submitters, task n / submitters (T0..T3 x four instruments).
     * Consecutive requests go to different patients, as patients submit one questionnaire at a time; walking one
     * patient through 16 tasks back to back would make that one caller send 16 requests at once, which the
     * service's per-caller limit refuses (429) by design.
     */
    final AtomicLong nextTask = new AtomicLong();

    final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections()
            .disableCaching();

    ScenarioBuilder submissions(int rate) {
        return submissions("submit@" + rate);
    }

    ScenarioBuilder submissions(String name) {
        return scenario(name).exec(session -> {
            long n = nextTask.getAndIncrement();
            if (n >= submitters * 16) {
                throw new IllegalStateException("out of submitter tasks: raise bench.submitters");
            }
            String subject = Long.toString(submitterBase + n % submitters);
            int task = (int) (n / submitters);
            String body = "{\"timepointKey\":\"T" + (task / 4) + "\",\"instrumentId\":\"" + INSTRUMENTS[task % 4]
                    + "\",\"instrumentVersion\":\"1.0\",\"answers\":" + ANSWERS[task % 4] + ",\"completedAt\":\""
                    + completedAt + "\"}";
            return session.set("token", tokens.bearer(subject, "patient")).set("body", body)
                    .set("key", UUID.randomUUID().toString());
        }).exec(http(name).post("/api/v1/me/responses")
                .header("Authorization", "#{token}")
                .header("Idempotency-Key", "#{key}")
                .body(io.gatling.javaapi.core.CoreDsl.StringBody("#{body}"))
                .check(status().is(201), header("Location").exists()));
    }

    ScenarioBuilder history(int rate) {
        return history("history@" + rate);
    }

    ScenarioBuilder history(String name) {
        return scenario(name).exec(session -> {
            long p = historyBase + ThreadLocalRandom.current().nextLong(historyPatients);
            return session.set("token", tokens.bearer(Long.toString(p), "patient"));
        }).exec(http(name).get("/api/v1/me/responses?" + historyQuery)
                .header("Authorization", "#{token}")
                .check(status().is(200)));
    }

    {
        // Every token the steps will use is signed before the first request (see Tokens.presign).
        tokens.presign(submitterBase, submitters, "patient");
        if (!historySteps.isEmpty()) {
            tokens.presign(historyBase, historyPatients, "patient");
        }
        List<PopulationBuilder> steps = new ArrayList<>();
        if (warmupSeconds > 0) {
            // JIT, connection pool and caches: not reported (bench/report.py skips warmup-*)
            steps.add(submissions("warmup-submit").injectOpen(constantUsersPerSec(warmupRate).during(warmupSeconds)));
            steps.add(history("warmup-history").injectOpen(constantUsersPerSec(warmupRate).during(warmupSeconds)));
        }
        for (int rate : submitSteps) {
            steps.add(submissions(rate).injectOpen(constantUsersPerSec(rate).during(stepSeconds)));
        }
        for (int rate : historySteps) {
            steps.add(history(rate).injectOpen(constantUsersPerSec(rate).during(stepSeconds)));
        }
        // Built from the last step backwards (builders are immutable): step1 -> pause -> step2 -> pause -> ...
        // The pause lets a step drain (its slowest requests) before the next one starts.
        PopulationBuilder chain = steps.get(steps.size() - 1);
        for (int i = steps.size() - 2; i >= 0; i--) {
            chain = steps.get(i).andThen(pause(pauseSeconds, "pause-" + i).andThen(chain));
        }
        setUp(chain).protocols(protocol);
    }

    /** A scenario that only waits: the gap between two steps. */
    static PopulationBuilder pause(int seconds, String name) {
        return scenario(name).pause(seconds).injectOpen(io.gatling.javaapi.core.CoreDsl.atOnceUsers(1));
    }

    static List<Integer> ints(String csv) {
        return csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
