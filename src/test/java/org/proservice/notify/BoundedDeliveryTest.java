package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proservice.support.Await;
import org.proservice.support.Fixtures;
import org.proservice.support.WebhookReceiver;

/** A receiver that answers its headers and then trickles its body forever costs one attempt, not the worker. */
@QuarkusTest
class BoundedDeliveryTest {

    static final String SECRET = "whsec-bounded-test-secret-0123456789";

    @Inject
    Fixtures fixtures;

    @Inject
    NotifyTestSupport notify;

    TricklingReceiver trickler;
    WebhookReceiver healthy;

    @BeforeEach
    void setUp() throws IOException {
        trickler = new TricklingReceiver();
        healthy = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() throws IOException {
        trickler.close();
        healthy.close();
    }

    @Test
    void otherSubscriptionsKeepReceivingWhileOneReceiverTricklesForever() {
        UUID slowStudy = fixtures.study("Trickle " + UUID.randomUUID());
        UUID study = fixtures.study("Healthy " + UUID.randomUUID());
        NotifyTestSupport.subscribe(slowStudy, trickler.url(), SECRET, NoticeTypes.TASK_OPENED);
        NotifyTestSupport.subscribe(study, healthy.url(), SECRET, NoticeTypes.TASK_OPENED);

        UUID stuck = notify.publishNow(slowStudy, NoticeTypes.TASK_OPENED, Map.of("taskId", "t-slow"));
        Await.until("the trickling receiver is reached", () -> trickler.connections.get() > 0);
        List<UUID> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(notify.publishNow(study, NoticeTypes.TASK_OPENED, Map.of("taskId", "t-" + i)));
        }
        for (UUID id : later) {
            Await.until("a later notice of another subscription is delivered",
                    () -> notify.deliveryIn(id, WebhookDelivery.DELIVERED));
        }
        // The receiver's status line is its answer; the body it never finishes is not waited for.
        Await.until("the trickled attempt is recorded on its status",
                () -> notify.deliveryIn(stuck, WebhookDelivery.DELIVERED));
        assertTrue(trickler.connections.get() >= 1);
    }

    /** Answers 200 with a declared 10 MB body and then sends one byte every 200 ms for as long as it is open. */
    static final class TricklingReceiver implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();

        TricklingReceiver() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "trickling-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> trickle(socket), "trickle");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void trickle(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                in.read(buffer); // the request (headers and the small body arrive together)
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException gone) {
                // the client hung up
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
