package org.rcrt.devserver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-memory, RCRT-compatible HTTP server for development and tests: JWT auth, breadcrumbs,
 * selector subscriptions and the SSE event stream, with a configurable delay on event delivery.
 */
public final class RcrtDevServer implements AutoCloseable {
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    /** How long close() lets open SSE streams end cleanly before connections are cut. */
    private static final Duration STREAM_CLOSE_GRACE = Duration.ofMillis(500);
    private static final int ACCEPT_BACKLOG = 1024;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final EventHub events;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RcrtDevServer(HttpServer http, ExecutorService httpThreads, EventHub events) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.events = events;
        InetSocketAddress address = http.getAddress();
        this.baseUri = URI.create("http://" + hostForUri(address.getHostString()) + ":" + address.getPort());
    }

    public static RcrtDevServer start(DevServerConfig config) throws IOException {
        Hs256Jwt jwt = new Hs256Jwt(config.jwtSecret());
        Authenticator authenticator = new Authenticator(jwt, config.authDisabled());
        SelectorSubscriptions selectors = new SelectorSubscriptions();
        EventHub events = new EventHub(selectors, config.sseDelay(), config.pingInterval());
        BreadcrumbStore store = new BreadcrumbStore(events::publish);

        Router router = new Router(authenticator)
                .add("GET", "/health", Router.Access.PUBLIC, call -> call.respondText(200, "ok"));
        new TokenRoute(jwt).register(router);
        new BreadcrumbRoutes(store, authenticator).register(router);
        new SelectorRoutes(selectors, authenticator).register(router);
        new EventStreamRoute(events, config.streamQueueCapacity()).register(router);

        // An unbounded pool: every SSE client holds a thread for as long as it stays connected.
        ExecutorService httpThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("rcrt-devserver-http"));
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the body then waits for the
        // client's delayed ACK (~40 ms per call). The setting is read once per JVM, before the first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            events.close(Duration.ZERO);
            httpThreads.shutdownNow();
            throw e;
        }
        http.createContext("/", router);
        http.setExecutor(httpThreads);
        http.start();
        return new RcrtDevServer(http, httpThreads, events);
    }

    /** For example {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Applies to events published from now on; events already waiting keep their delivery time. */
    public void setSseDelay(Duration delay) {
        events.setSseDelay(delay);
    }

    /** Connected {@code /events/stream} clients. */
    public int openStreams() {
        return events.openStreams();
    }

    /** Breadcrumb events (one per create, one per PATCH) published so far, delivered or not. */
    public long eventsPublished() {
        return events.eventsPublished();
    }

    /** Ends all streams, stops listening and stops every thread the server started; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        events.close(STREAM_CLOSE_GRACE);
        http.stop(0);
        httpThreads.shutdownNow();
        try {
            httpThreads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
