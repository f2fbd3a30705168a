package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The runner's consumer of breadcrumb events. {@link #handleEvent} is the single entry point: it
 * records the event in a short history, wakes the workflows waiting for it, and hands it to the
 * listeners of its schema (the local tools) on an executor, so that no tool ever runs on the caller's
 * thread. Callers may be any thread; a call made by this runner's own {@link SseReader} thread counts
 * as lane {@value #LANE_SSE}, any other caller as lane {@value #LANE_IN_PROCESS}.
 */
public class EventBridge implements AutoCloseable {
    public static final String LANE_SSE = "sse";
    public static final String LANE_IN_PROCESS = "in-process";
    private static final int DEFAULT_HISTORY = 1_000;

    private final int historySize;
    private final Object lock = new Object();
    private final Deque<ReceivedEvent> history = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<String, List<Consumer<ReceivedEvent>>> listeners = new LinkedHashMap<>();
    private final LongAdder handledViaSse = new LongAdder();
    private final LongAdder handledInProcess = new LongAdder();
    private final Set<String> eventsHandledViaSse = ConcurrentHashMap.newKeySet();
    private final ExecutorService dispatcher = Executors.newCachedThreadPool(daemonThreads("event-dispatch"));
    private volatile Thread sseReaderThread;

    private record Waiter(EventCriteria criteria, CompletableFuture<ReceivedEvent> result) {
    }

    public EventBridge() {
        this(DEFAULT_HISTORY);
    }

    public EventBridge(int historySize) {
        this.historySize = historySize;
    }

    /** Called for every event, by the SSE reader or by anyone else; never blocks on listeners. */
    public void handleEvent(JsonNode event, JsonNode breadcrumb) {
        String lane = Thread.currentThread() == sseReaderThread ? LANE_SSE : LANE_IN_PROCESS;
        (lane.equals(LANE_SSE) ? handledViaSse : handledInProcess).increment();
        if (lane.equals(LANE_SSE)) {
            eventsHandledViaSse.add(eventKey(event));
        }
        ReceivedEvent received = new ReceivedEvent(event, breadcrumb, lane, System.nanoTime());

        List<Waiter> satisfied = new ArrayList<>();
        List<Consumer<ReceivedEvent>> interested;
        synchronized (lock) {
            history.addLast(received);
            if (history.size() > historySize) {
                history.removeFirst();
            }
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.criteria().matches(received)) {
                    it.remove();
                    satisfied.add(waiter);
                }
            }
            interested = listeners.getOrDefault(received.schemaName(), List.of());
        }
        satisfied.forEach(waiter -> waiter.result().complete(received));
        for (Consumer<ReceivedEvent> listener : interested) {
            dispatch(listener, received);
        }
    }

    /**
     * Waits for an event matching {@code criteria}; an event already in the history counts, so a wait
     * that starts after the event still finds it. Empty when the timeout passes first.
     */
    public Optional<ReceivedEvent> waitForEvent(EventCriteria criteria, Duration timeout) throws InterruptedException {
        Waiter waiter = new Waiter(criteria, new CompletableFuture<>());
        synchronized (lock) {
            for (ReceivedEvent past : history) {
                if (criteria.matches(past)) {
                    return Optional.of(past);
                }
            }
            waiters.add(waiter);
        }
        try {
            return Optional.of(waiter.result().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiter failed", e.getCause());
        } finally {
            synchronized (lock) {
                waiters.remove(waiter);
            }
        }
    }

    /** Runs {@code listener} (on the bridge's executor) for every event whose breadcrumb has this schema. */
    public void onSchema(String schemaName, Consumer<ReceivedEvent> listener) {
        synchronized (lock) {
            listeners.computeIfAbsent(schemaName, name -> new CopyOnWriteArrayList<>()).add(listener);
        }
    }

    private void dispatch(Consumer<ReceivedEvent> listener, ReceivedEvent received) {
        try {
            dispatcher.execute(() -> {
                try {
                    listener.accept(received);
                } catch (RuntimeException e) {
                    System.err.println("event listener failed on " + received.schemaName() + ": " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The bridge is closing: late events have nobody left to serve.
        }
    }

    /** Calls handled so far, per lane ({@value #LANE_IN_PROCESS}, {@value #LANE_SSE}). */
    public Map<String, Long> handledPerLane() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(LANE_IN_PROCESS, handledInProcess.sum());
        counts.put(LANE_SSE, handledViaSse.sum());
        return counts;
    }

    /** Distinct events (breadcrumb id and version) handled on the SSE lane; a repeat counts once. */
    public long distinctEventsHandledViaSse() {
        return eventsHandledViaSse.size();
    }

    /** What tells one event from another: its breadcrumb id and version. */
    static String eventKey(JsonNode event) {
        return event.path("breadcrumb_id").asText("") + "@" + event.path("version").asText("");
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }

    /** The reader tells the bridge which thread is its own, so the bridge can tell the lanes apart. */
    void useSseReaderThread(Thread thread) {
        this.sseReaderThread = thread;
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
