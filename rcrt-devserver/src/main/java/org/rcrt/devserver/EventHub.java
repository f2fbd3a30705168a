package org.rcrt.devserver;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans breadcrumb events out to SSE streams: each stream of the event's owner gets it once, and each
 * stream of an agent with a matching selector gets it a second time (the agent's own channel), as the
 * real RCRT bridge does. Delivery happens {@code sseDelay} after publication, on a scheduler thread,
 * so the HTTP request that caused the event never waits.
 */
final class EventHub {

    private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

    private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();
    private final SelectorSubscriptions selectors;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong published = new AtomicLong();
    private volatile Duration sseDelay;
    private volatile boolean closed;

    EventHub(SelectorSubscriptions selectors, Duration sseDelay, Duration pingInterval) {
        this.selectors = selectors;
        this.sseDelay = sseDelay;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("rcrt-devserver-events"));
        scheduler.scheduleAtFixedRate(this::ping, pingInterval.toNanos(), pingInterval.toNanos(), TimeUnit.NANOSECONDS);
    }

    void setSseDelay(Duration delay) {
        this.sseDelay = DevServerConfig.requireNotNegative(delay, "sseDelay");
    }

    long eventsPublished() {
        return published.get();
    }

    int openStreams() {
        return streams.size();
    }

    /** Called for every created or patched version; the payload is frozen now, delivered later. */
    void publish(Breadcrumb breadcrumb) {
        published.incrementAndGet();
        String frame = SseStream.frame(Json.write(BreadcrumbJson.updatedEvent(breadcrumb)));
        try {
            scheduler.schedule(() -> deliver(breadcrumb, frame), sseDelay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "event dropped: server is shutting down");
        }
    }

    /** Adds a stream unless the hub is closing; the caller answers 503 when this returns false. */
    boolean register(SseStream stream) {
        streams.add(stream);
        if (closed) {
            streams.remove(stream);
            return false;
        }
        return true;
    }

    void unregister(SseStream stream) {
        streams.remove(stream);
    }

    /** Stops delivery, ends every stream and waits up to {@code grace} for their request threads to finish. */
    void close(Duration grace) {
        closed = true;
        scheduler.shutdownNow();
        streams.forEach(SseStream::close);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!streams.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(Breadcrumb breadcrumb, String frame) {
        Set<UUID> selectingAgents = selectors.agentsMatching(breadcrumb);
        for (SseStream stream : streams) {
            if (stream.ownerId().equals(breadcrumb.ownerId())) {
                stream.offer(frame);
                if (selectingAgents.contains(stream.agentId())) {
                    stream.offer(frame);
                }
            }
        }
    }

    private void ping() {
        String frame = SseStream.frame(Json.write(Json.object().put("type", "ping").put("ts", Json.timestamp(Instant.now()))));
        streams.forEach(stream -> stream.offer(frame));
    }
}
