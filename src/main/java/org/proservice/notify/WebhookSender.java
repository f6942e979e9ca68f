package org.proservice.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.proservice.notify.DeliveryStore.Attempt;
import org.proservice.notify.DeliveryStore.Claimed;

/**
 * Sends claimed deliveries as signed POSTs ({@link WebhookSignature}), all of a batch in parallel, and reports one
 * {@link Attempt} per delivery. Never throws for a receiver's failure; never reads or logs the receiver's body.
 */
public class WebhookSender {

    /**
     * Created on the first send, not with the sender: building an HttpClient loads its SSL context (about 600
     * classes, 0.2 s of start-up), and most installations send no webhook in their first minutes.
     */
    private volatile HttpClient client;
    private final Duration connectTimeout;
    private final ObjectMapper json;
    private final Duration requestTimeout;
    private final Duration attemptDeadline;
    private final boolean allowPrivateTargets;
    private final boolean allowHttp;

    public WebhookSender(ObjectMapper json, Duration connectTimeout, Duration requestTimeout,
            boolean allowPrivateTargets, boolean allowHttp) {
        this.connectTimeout = connectTimeout;
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.attemptDeadline = connectTimeout.plus(requestTimeout);
        this.allowPrivateTargets = allowPrivateTargets;
        this.allowHttp = allowHttp;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    public List<Attempt> sendAll(List<Claimed> deliveries) {
        List<CompletableFuture<Attempt>> inFlight = deliveries.stream().map(this::send).toList();
        return inFlight.stream().map(CompletableFuture::join).toList();
    }

    CompletableFuture<Attempt> send(Claimed c) {
        URI uri;
        try {
            uri = URI.create(c.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Attempt(c, false, null, "invalid URL", true));
        }
        if (!allowHttp && !"https".equalsIgnoreCase(uri.getScheme())) {
            // Created while http was allowed; the setting is off now: nothing goes out in clear text.
            return CompletableFuture.completedFuture(new Attempt(c, false, null, "http not allowed", true));
        }
        Optional<String> blocked = WebhookTargets.resolvedProblem(uri, allowPrivateTargets);
        if (blocked.isPresent()) {
            boolean refused = !WebhookTargets.UNKNOWN_HOST.equals(blocked.get());
            return CompletableFuture.completedFuture(new Attempt(c, false, null, blocked.get(), refused));
        }
        byte[] body = body(c.notice());
        long timestamp = Instant.now().getEpochSecond();
        String id = c.notice().id().toString();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "pro-service-webhooks/1")
                .header(WebhookSignature.ID_HEADER, id)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(c.secrets(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            // The status is all we need: the receiver's body is never read (its stream is cancelled at once), and
            // the whole attempt (connect, send, headers) has one deadline, so a receiver that trickles or stalls
            // costs one attempt and one deadline, never a worker.
            return client().sendAsync(request, HttpResponse.BodyHandlers.ofPublisher())
                    .thenApply(response -> {
                        response.body().subscribe(CancelAtOnce.INSTANCE);
                        return response.statusCode();
                    })
                    .orTimeout(attemptDeadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .handle((status, failure) -> failure == null ? answered(c, status)
                            : new Attempt(c, false, null, describe(failure)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Attempt(c, false, null, describe(e)));
        }
    }

    /** {"id", "type", "occurredAt", "studyId", "data"}: the same bytes on every attempt of a notice. */
    byte[] body(Notice notice) {
        ObjectNode root = json.createObjectNode();
        root.put("id", notice.id().toString());
        root.put("type", notice.type());
        root.put("occurredAt", notice.availableAt().toString());
        root.put("studyId", notice.studyId().toString());
        root.set("data", json.valueToTree(notice.data()));
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write webhook body", e);
        }
    }

    private static Attempt answered(Claimed c, int status) {
        boolean ok = status >= 200 && status < 300;
        return new Attempt(c, ok, status, ok ? null : "HTTP " + status);
    }

    /** A short reason without payload, headers or the receiver's answer. */
    static String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (t instanceof HttpTimeoutException) {
            return "timeout waiting for the receiver's answer";
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "attempt deadline (connect + request timeout) exceeded";
        }
        if (t instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        if (t instanceof IOException) {
            return "I/O error (" + t.getClass().getSimpleName() + ")";
        }
        return "error (" + t.getClass().getSimpleName() + ")";
    }

    /** Declines a receiver's response body without reading a byte of it. */
    private enum CancelAtOnce implements java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>> {
        INSTANCE;

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> item) {
            // never requested
        }

        @Override
        public void onError(Throwable throwable) {
            // nothing was asked for
        }

        @Override
        public void onComplete() {
            // nothing was asked for
        }
    }
}
