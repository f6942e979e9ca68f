package org.proservice.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/**
 * Issue 19, point 4: a receiver that answers its headers and then trickles its body forever, or never answers at
 * all, costs one attempt and one deadline, not the worker: the other subscriptions' deliveries keep flowing on the
 * same instance (the application's scheduled worker, test profile: request timeout 3 s, 4 attempts).
 */
@QuarkusTest
class BoundedDeliveryTest {

    static final String SECRET = "whsec_Ym91bmRlZC1kZWxpdmVyeS10ZXN0LTAz";

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

        UUID stuck = notify.publishNow(slowStudy, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "t-slow"));
        Await.until("the trickling receiver is reached", () -> trickler.connections.get() > 0);
        List<UUID> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.add(notify.publishNow(study, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "t-" + i)));
        }
        for (UUID id : later) {
            Await.until("a later notice of another subscription is delivered",
                    () -> notify.deliveryIn(id, WebhookDelivery.DELIVERED));
        }
        // The receiver's status line is its answer; the body it never finishes is not waited for.
        Await.until("the trickled attempt is recorded on its status",
                () -> notify.deliveryIn(stuck, WebhookDelivery.DELIVERED));
        assertEquals(1, notify.only(stuck).attemptCount, "one attempt, nothing more");
        // And the service hung up on the trickle instead of holding the stream open in the background.
        Await.until("the service closed the trickling connection", () -> trickler.hungUp.get() >= 1);
        assertEquals(1, trickler.connections.get(), "no second request to the trickling receiver");
    }

    @Test
    void aReceiverThatNeverAnswersCostsOneDeadlinePerAttemptWhileOthersKeepFlowing() throws IOException {
        try (SilentReceiver silent = new SilentReceiver()) {
            UUID silentStudy = fixtures.study("Silent " + UUID.randomUUID());
            UUID study = fixtures.study("Healthy " + UUID.randomUUID());
            NotifyTestSupport.subscribe(silentStudy, silent.url(), SECRET, NoticeTypes.TASK_OPENED);
            NotifyTestSupport.subscribe(study, healthy.url(), SECRET, NoticeTypes.TASK_OPENED);

            UUID stalled = notify.publishNow(silentStudy, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "t-mute"));
            Await.until("the silent receiver is reached", () -> silent.connections.get() > 0);
            List<UUID> later = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                later.add(notify.publishNow(study, NoticeTypes.TASK_OPENED, Map.of("enrollmentId", "t-ok-" + i)));
            }
            for (UUID id : later) {
                Await.until("another subscription's notice is delivered while the silent one is retried",
                        () -> notify.deliveryIn(id, WebhookDelivery.DELIVERED));
            }
            assertFalse(notify.deliveryIn(stalled, WebhookDelivery.FAILED),
                    "the others arrived before the silent receiver used up its attempts");

            // Each attempt ends at its deadline as a timeout; after the test profile's 4 attempts it has failed.
            Await.until("the silent receiver's delivery fails after its attempts",
                    () -> notify.deliveryIn(stalled, WebhookDelivery.FAILED));
            WebhookDelivery d = notify.only(stalled);
            assertEquals(4, d.attemptCount);
            assertNull(d.lastStatusCode);
            assertTrue(d.lastError.contains("timeout") || d.lastError.contains("deadline"), d.lastError);
            assertEquals(4, silent.connections.get(), "one connection per attempt");
        }
    }

    /** Accepts connections, reads the request and never answers a byte (until closed). */
    static final class SilentReceiver implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();

        SilentReceiver() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        open.add(socket);
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** Answers 200 with a declared 10 MB body and then sends one byte every 200 ms for as long as it is open. */
    static final class TricklingReceiver implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();
        /** Connections the client closed while the body was still trickling. */
        final AtomicInteger hungUp = new AtomicInteger();
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
                    Thread t = new Thread(() -> {
                        if (trickle(socket)) {
                            hungUp.incrementAndGet();
                        }
                    }, "trickle");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        /** True when the client hung up (a write failed) while the body was still trickling. */
        private boolean trickle(Socket socket) {
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
            } catch (IOException gone) {
                return !server.isClosed(); // the client hung up (not the test closing the receiver)
            } catch (InterruptedException stop) {
                return false;
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
