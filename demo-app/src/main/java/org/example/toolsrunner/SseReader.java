package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reads {@code /events/stream} on one thread of its own, for the life of the runner: for every
 * breadcrumb event it fetches the full breadcrumb and hands both to the {@link EventBridge}.
 * It passes on every frame, repeats included (the selector channel can deliver an event twice);
 * deciding what a repeat means is the consumer's business. Reconnects with backoff when the stream drops.
 */
public final class SseReader implements AutoCloseable {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration NOT_FOUND_RETRY = Duration.ofMillis(50);

    private final RcrtClient client;
    private final EventBridge bridge;
    private final PrintStream log;
    private final Thread thread;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final AtomicLong framesPassed = new AtomicLong();
    private final Set<String> eventsPassed = ConcurrentHashMap.newKeySet();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running = true;
    private volatile Stream<String> currentStream;

    public SseReader(RcrtClient client, EventBridge bridge, PrintStream log) {
        this.client = client;
        this.bridge = bridge;
        this.log = log;
        this.thread = new Thread(this::readUntilClosed, "rcrt-sse-reader");
        this.thread.setDaemon(true);
    }

    public void start() {
        bridge.useSseReaderThread(thread);
        thread.start();
    }

    /** True once the server has accepted the stream, so events created from now on will reach us. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Breadcrumb frames this reader handed to {@link EventBridge#handleEvent}. */
    public long framesPassed() {
        return framesPassed.get();
    }

    /** Distinct events (breadcrumb id and version) among those frames: a repeat counts once. */
    public long distinctEventsPassed() {
        return eventsPassed.size();
    }

    public long pings() {
        return pings.get();
    }

    public long connections() {
        return connections.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Stream<String> stream = currentStream;
        if (stream != null) {
            stream.close();
        }
    }

    private void readUntilClosed() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try {
                HttpResponse<Stream<String>> response = client.openEventStream();
                try (Stream<String> lines = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new RcrtApiException(response.statusCode(), "GET /events/stream answered " + response.statusCode());
                    }
                    currentStream = lines;
                    connections.incrementAndGet();
                    connected.countDown();
                    backoff = FIRST_BACKOFF;
                    readFrames(lines.iterator());
                }
                if (running) {
                    log.println("SSE stream ended by the server; reconnecting");
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.printf("SSE stream unavailable (%s); retrying in %d ms%n", e.getMessage(), backoff.toMillis());
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void readFrames(Iterator<String> lines) {
        SseFrameParser parser = new SseFrameParser();
        while (running && lines.hasNext()) {
            parser.acceptLine(lines.next()).ifPresent(this::onFrame);
        }
    }

    private void onFrame(String data) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(data);
        } catch (Exception e) {
            log.println("SSE: ignoring a frame that is not JSON");
            return;
        }
        if ("ping".equals(event.path("type").asText())) {
            pings.incrementAndGet();
            return;
        }
        String breadcrumbId = event.path("breadcrumb_id").asText("");
        if (breadcrumbId.isEmpty()) {
            return;
        }
        JsonNode breadcrumb = fetchFull(breadcrumbId);
        if (breadcrumb == null) {
            return;
        }
        framesPassed.incrementAndGet();
        eventsPassed.add(EventBridge.eventKey(event));
        try {
            bridge.handleEvent(event, breadcrumb);
        } catch (RuntimeException e) {
            log.println("SSE: event handler failed: " + e);
        }
    }

    /**
     * The full breadcrumb, or null when there is none to hand on. A 404 gets one more try shortly after:
     * an event can outrun the moment its breadcrumb becomes readable (a store replica, or a server that
     * publishes while still writing); a second 404 means it was deleted since.
     */
    private JsonNode fetchFull(String breadcrumbId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.getBreadcrumbFull(breadcrumbId);
            } catch (RcrtApiException e) {
                if (e.status() == 404 && attempt == 1 && sleep(NOT_FOUND_RETRY)) {
                    continue;
                }
                if (running) {
                    log.println("SSE: skipping an event: " + e.getMessage());
                }
                return null;
            }
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
