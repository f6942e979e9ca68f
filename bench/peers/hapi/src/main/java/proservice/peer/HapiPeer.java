package proservice.peer;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Entry point of the peer: a Spring context with HAPI's JPA configuration for R4 ({@link PeerConfig}) and HAPI's
 * {@link RestfulServer} servlet under {@code /fhir} in an embedded Jetty, listening on 127.0.0.1 only.
 *
 * <p>Environment: {@code PEER_PORT} (8094), {@code PEER_THREADS} (Jetty's maximum worker threads, 200) and the
 * database settings read by {@link PeerConfig}. Prints {@code PEER READY} once requests are accepted.
 */
public final class HapiPeer {

    private static final Logger LOG = LoggerFactory.getLogger(HapiPeer.class);

    private HapiPeer() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        int port = Integer.parseInt(PeerConfig.env("PEER_PORT", "8094"));
        int threads = Integer.parseInt(PeerConfig.env("PEER_THREADS", "200"));

        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(PeerConfig.class);
        RestfulServer fhir = spring.getBean(RestfulServer.class);

        QueuedThreadPool pool = new QueuedThreadPool(threads);
        pool.setName("peer-http");
        Server jetty = new Server(pool);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("fhir", fhir);
        holder.setInitOrder(1);
        context.addServlet(holder, "/fhir/*");
        jetty.setHandler(context);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                LOG.warn("stopping Jetty", e);
            }
            spring.close();
        }, "peer-shutdown"));

        jetty.start();
        LOG.info("PEER READY: HAPI FHIR JPA server (R4) at http://127.0.0.1:{}/fhir after {} ms", port,
                (System.nanoTime() - t0) / 1_000_000);
        jetty.join();
    }
}
