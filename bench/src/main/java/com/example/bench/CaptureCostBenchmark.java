package com.example.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

/**
 * What the caller pays for the snapshot taken at return (the truth rule: the event is what the call sent), by body
 * size: {@code typical} is 5 tags and a 10-field context, {@code large} a 200-field context with nested values
 * (about 20 KB of JSON). Think time between calls keeps the bus ahead of the caller, so the figure is the caller's
 * path, not the drop path; {@code tearDown} prints how many events arrived and refuses a trial that dropped any.
 * Run it with no agent, and with an agent jar: the difference is the agent's cost per call.
 *
 * <p>On a shared 2-core machine the time per call also holds whatever the caller waited for a core (the bus's
 * worker, the JIT, other processes), so each iteration also prints the CPU the calling thread and the whole process
 * spent per call ({@code CAPTURE-CPU}): the first is what the agent costs the application's thread, the second
 * adds the bus's own threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureCostBenchmark {
    @Param({"typical", "large"})
    public String body;

    @Param({"1000"})
    public int thinkTokens;

    /**
     * {@code -p subscribed=false}: nobody listens, so the agent captures each call and hands it to no one: the
     * snapshot's share of the caller's cost, without the bus's threads beside it.
     */
    @Param({"true"})
    public boolean subscribed;

    private InMemoryRcrtClient client;
    private BreadcrumbDraft draft;
    private Subscription subscription;
    private final LongAdder received = new LongAdder();
    private long calls;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long callsAtStart;
    private long callerCpuAtStart;
    private long processCpuAtStart;

    @Setup
    public void setUp() {
        client = new InMemoryRcrtClient();
        draft = body.equals("large") ? large() : typical();
        subscription = subscribed ? LocalEventBus.subscribe(Selector.all(), event -> received.increment()) : null;
    }

    static BreadcrumbDraft typical() {
        Map<String, Object> context = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            context.put("field" + i, i % 2 == 0 ? "value " + i : i);
        }
        return new BreadcrumbDraft("tool request", context, List.of("tools", "request", "echo", "p1", "batch-7"), Drafts.SCHEMA);
    }

    static BreadcrumbDraft large() {
        Map<String, Object> context = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            List<Object> items = new ArrayList<>();
            for (int j = 0; j < 5; j++) {
                items.add(Map.of("k", "item " + j, "n", j));
            }
            context.put("field" + i, i % 3 == 0 ? items : "a somewhat longer value for field " + i);
        }
        return new BreadcrumbDraft("large request", context, List.of("tools", "request", "echo", "p1", "batch-7"), Drafts.SCHEMA);
    }

    /** Run by JMH on the benchmark's own thread, so its thread CPU clock is the caller's. */
    @Setup(Level.Iteration)
    public void startCpuClocks() {
        callsAtStart = calls;
        callerCpuAtStart = THREADS.getCurrentThreadCpuTime();
        processCpuAtStart = PROCESS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void readCpuClocks() {
        long n = Math.max(1, calls - callsAtStart);
        System.out.println("CAPTURE-CPU body=" + body + " calls=" + n
                + " callerNsPerCall=" + (THREADS.getCurrentThreadCpuTime() - callerCpuAtStart) / n
                + " processNsPerCall=" + (PROCESS.getProcessCpuTime() - processCpuAtStart) / n);
    }

    @TearDown
    public void tearDown() {
        if (subscription != null) {
            subscription.close();
        }
        System.out.println("CAPTURE body=" + body + " shared=" + LocalEventBus.isShared() + " calls=" + calls
                + " received=" + received.sum() + " dropped=" + LocalEventBus.stats().dropped()
                + " handoffDropped=" + LocalEventBus.stats().counters().get("agent.handoffDropped"));
        Drops.refuseIfAny("CaptureCostBenchmark body=" + body);
    }

    /** Not named {@code createBreadcrumb}: the agent would intercept it as one more client frame around the call. */
    @Benchmark
    public CreatedBreadcrumb create() {
        Blackhole.consumeCPU(thinkTokens);
        calls++;
        return client.createBreadcrumb(draft);
    }
}
