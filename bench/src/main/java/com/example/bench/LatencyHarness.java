package com.example.bench;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

/**
 * Figure 2, local lane latency: from the moment a {@code createBreadcrumb} call was due to the moment a listener
 * is invoked, at a paced rate, for several lanes measured one after the other in the same JVM with the same pacing:
 *
 * <ul>
 *   <li>{@code agent}: the instrumented {@code createBreadcrumb}, delivered by the agent to a
 *       {@link LocalEventBus} subscriber with a selector (needs the JVM to run with the agent; async or sync as the
 *       agent is configured);</li>
 *   <li>{@code guava}: the same body (under a name the agent leaves alone), then Guava's {@link AsyncEventBus}
 *       on a single-thread executor;</li>
 *   <li>{@code guava-sync}: the same body, then Guava's synchronous {@link EventBus} (the peer of sync mode);</li>
 *   <li>{@code abq}: the same body, then an {@link ArrayBlockingQueue} drained by one consumer thread;</li>
 *   <li>{@code none}: the body, then the listener called directly: the floor of any lane, and the uninstrumented
 *       caller.</li>
 * </ul>
 *
 * Latency is measured from the call's <em>intended</em> send time, not from when it was actually sent: a lane
 * that falls behind its rate is charged for the wait it causes (no coordinated omission). The caller's own time in
 * the call (including the hand-off) is recorded too. Every lane is first warmed up at the highest rate, so no
 * measured rate runs on colder code than another. One TSV line per lane and rate is appended to {@code --out}:
 * lane, mode, rate, sent, received, latency p50/p99/p99.9/max, caller p50/p99 (ns), achieved rate (calls/s), and
 * the collector's pauses in the phase (count, ms): a lane that allocates or retains more per event pays in pauses
 * that land on its own tail, which is what its p99 then shows.
 *
 * <pre>java -cp benchmarks.jar com.example.bench.LatencyHarness --mode=async --lanes=agent,guava,abq,none
 *      --rates=1000,10000,100000 --seconds=5,3,2 --warmup=1 --out=latency.tsv</pre>
 */
public final class LatencyHarness {
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(60);

    public static void main(String[] args) throws Exception {
        String mode = "none";
        List<String> lanes = List.of("agent", "guava", "abq", "none");
        long[] rates = {1_000, 10_000, 100_000};
        double[] seconds = {5, 3, 2};
        double warmup = 1;
        Path out = null;
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--mode=")) {
                mode = v;
            } else if (a.startsWith("--lanes=")) {
                lanes = List.of(v.split(","));
            } else if (a.startsWith("--rates=")) {
                rates = java.util.Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
            } else if (a.startsWith("--seconds=")) {
                seconds = java.util.Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
            } else if (a.startsWith("--warmup=")) {
                warmup = Double.parseDouble(v);
            } else if (a.startsWith("--out=")) {
                out = Path.of(v);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (lanes.contains("agent") && !LocalEventBus.isShared()) {
            throw new IllegalStateException("lane 'agent' needs the JVM to run with -javaagent:rcrt-localbus-agent.jar");
        }
        long highest = java.util.Arrays.stream(rates).max().orElseThrow();
        for (String lane : lanes) {
            Result warm = run(lane, highest, warmup);
            System.out.println("warm-up " + lane + " at " + highest + "/s: received " + warm.received + "/" + warm.sent);
        }
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < rates.length; r++) {
            double secs = seconds[Math.min(r, seconds.length - 1)];
            for (String lane : lanes) {
                Result res = run(lane, rates[r], secs);
                String line = String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d",
                        lane, mode, rates[r], res.sent, res.received,
                        res.latency.getValueAtPercentile(50), res.latency.getValueAtPercentile(99),
                        res.latency.getValueAtPercentile(99.9), res.latency.getMaxValue(),
                        res.caller.getValueAtPercentile(50), res.caller.getValueAtPercentile(99),
                        Math.round(res.achievedRate), res.gcPauses, res.gcMillis);
                System.out.println("latency " + line);
                lines.add(line);
            }
        }
        if (out != null) {
            Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0); // the lanes' threads are not all daemons (Guava's executor)
    }

    /** What one phase measured. */
    private record Result(long sent, long received, Histogram latency, Histogram caller, double achievedRate,
                          long gcPauses, long gcMillis) {}

    /**
     * Collections and their accumulated time so far, over the stop-the-world collectors only (a concurrent cycle's
     * bean, where the JDK has one, counts work done beside the application, not pauses).
     */
    private static long[] gcSoFar() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent") && gc.getCollectionCount() > 0) {
                count += gc.getCollectionCount();
                millis += gc.getCollectionTime();
            }
        }
        return new long[] {count, millis};
    }

    /** A lane: one sender, one listener thread that calls {@link #received}. */
    private abstract static class Lane implements AutoCloseable {
        /** When call n was due, at {@code n & (length-1)}; the client's n-th call creates {@code idOf(n)}. */
        final long[] dueAt = new long[1 << 20];
        final InMemoryRcrtClient client = new InMemoryRcrtClient();
        final BreadcrumbDraft draft = Drafts.toolRequest();
        final Histogram latency = new Histogram(HIGHEST, 3);
        volatile long received;

        /** One create plus whatever hand-off the lane does; returns nothing, the listener measures. */
        abstract void send();

        /** Called on the listener's thread, in order. */
        final void received(String id) {
            long now = System.nanoTime();
            long seq = InMemoryRcrtClient.seqOf(id);
            latency.recordValue(Math.min(HIGHEST, Math.max(0, now - dueAt[(int) (seq & (dueAt.length - 1))])));
            received = received + 1; // a single listener thread writes it
        }

        @Override
        public void close() {}
    }

    private static final class AgentLane extends Lane {
        private final Subscription subscription = LocalEventBus.subscribe(
                Selector.builder().schemaName(Drafts.SCHEMA).allTags("tools").contextEquals("$.tool", "echo").build(),
                (BreadcrumbEvent e) -> received(e.breadcrumbId()));

        @Override
        void send() {
            client.createBreadcrumb(draft);
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    /** What the Guava and queue lanes hand over: the created id and the draft. */
    public record Created(String id, BreadcrumbDraft draft) {}

    /** Guava's {@link AsyncEventBus} on a single-thread executor, or its synchronous {@link EventBus}. */
    private static final class GuavaLane extends Lane {
        private final ExecutorService executor;
        private final EventBus bus;

        GuavaLane(boolean async) {
            executor = async ? Executors.newSingleThreadExecutor() : null;
            bus = async ? new AsyncEventBus(executor) : new EventBus();
            bus.register(this);
        }

        @Subscribe
        public void on(Created created) {
            received(created.id());
        }

        @Override
        void send() {
            CreatedBreadcrumb c = client.storeBreadcrumb(draft);
            bus.post(new Created(c.id(), draft));
        }

        @Override
        public void close() {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    private static final class QueueLane extends Lane {
        private final ArrayBlockingQueue<Created> queue = new ArrayBlockingQueue<>(10_000);
        private final Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    received(queue.take().id());
                }
            } catch (InterruptedException stop) {
                // closed
            }
        }, "abq-consumer");

        QueueLane() {
            consumer.setDaemon(true);
            consumer.start();
        }

        @Override
        void send() {
            CreatedBreadcrumb c = client.storeBreadcrumb(draft);
            queue.offer(new Created(c.id(), draft)); // a full queue drops, like the bus
        }

        @Override
        public void close() {
            consumer.interrupt();
        }
    }

    private static final class DirectCallLane extends Lane {
        @Override
        void send() {
            CreatedBreadcrumb c = client.storeBreadcrumb(draft);
            received(c.id()); // the listener called by hand, right after the body
        }
    }

    private static Lane lane(String name) {
        return switch (name) {
            case "agent" -> new AgentLane();
            case "guava" -> new GuavaLane(true);
            case "guava-sync" -> new GuavaLane(false);
            case "abq" -> new QueueLane();
            case "none" -> new DirectCallLane();
            default -> throw new IllegalArgumentException("unknown lane " + name);
        };
    }

    private static Result run(String laneName, long rate, double seconds) throws InterruptedException {
        Histogram caller = new Histogram(HIGHEST, 3);
        long count = Math.max(1, Math.round(rate * seconds));
        long interval = 1_000_000_000L / rate;
        try (Lane lane = lane(laneName)) {
            long[] gcBefore = gcSoFar();
            long start = System.nanoTime() + 1_000_000;
            for (long i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    if (wait > 200_000) {
                        LockSupport.parkNanos(wait - 150_000); // sleep most of a long gap, spin the rest
                    } else {
                        Thread.onSpinWait();
                    }
                }
                lane.dueAt[(int) ((i + 1) & (lane.dueAt.length - 1))] = due;
                long before = System.nanoTime();
                lane.send();
                caller.recordValue(Math.min(HIGHEST, System.nanoTime() - before));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            // Wait for the stragglers; stop early once nothing has arrived for a while (drops never arrive).
            long last = -1;
            long quietSince = System.nanoTime();
            while (lane.received < count && System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500)) {
                long now = lane.received;
                if (now != last) {
                    last = now;
                    quietSince = System.nanoTime();
                }
                Thread.sleep(1);
            }
            long received = lane.received; // volatile read: the histogram's writes before it are visible
            long[] gcAfter = gcSoFar();
            return new Result(count, received, lane.latency.copy(), caller, count / elapsed,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        }
    }
}
