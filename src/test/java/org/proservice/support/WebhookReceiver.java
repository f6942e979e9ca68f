package org.proservice.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A local HTTP server standing in for a study's webhook receiver: records every request (headers and raw body)
 * and answers with the status chosen by {@link #answerWith(IntUnaryOperator)} (argument: 1-based number of the
 * request). Binds a free port on 127.0.0.1.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received POST. */
    public record Received(String path, Map<String, String> headers, byte[] body, int answeredWith) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator statusForRequest = n -> 200;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            int status = statusForRequest.applyAsInt(count.incrementAndGet());
            received.add(new Received(exchange.getRequestURI().getPath(), headers, body, status));
            if (status == 204) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            byte[] answer = "{\"ok\":true}".getBytes();
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public WebhookReceiver answerWith(IntUnaryOperator statusForRequestNumber) {
        this.statusForRequest = statusForRequestNumber;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests for one event id (Webhook-Id). */
    public List<Received> forEvent(Object eventId) {
        return received.stream().filter(r -> eventId.toString().equals(r.header("Webhook-Id"))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
