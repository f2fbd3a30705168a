package com.example.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Figure 1, caller overhead: the time a caller spends in {@code createBreadcrumb} (in-memory body). run.sh runs this
 * class three times: without the agent (the baseline: the same class, uninstrumented), with the agent in async
 * mode, and in sync mode. A {@code Selector.all()} subscriber is registered in every run, so that with the agent the
 * whole path (conversion, bus, subscriber) runs.
 *
 * <p>{@code thinkTokens} is application work between two creates ({@link Blackhole#consumeCPU}). With 0 the caller
 * creates back to back, faster than events can be converted, so in async mode the subscriber's queue fills and
 * further calls would time the drop path; with think time the bus keeps up, which is the normal case. A trial in
 * which anything was dropped is refused: it prints {@code REFUSED} and fails, so JMH reports no figure for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallerOverheadBenchmark {
    @Param({"0", "1000", "5000"})
    public int thinkTokens;

    private InMemoryRcrtClient client;
    private BreadcrumbDraft draft;
    private Subscription subscription;
    private final LongAdder received = new LongAdder();

    @Setup
    public void setUp() {
        client = new InMemoryRcrtClient();
        draft = Drafts.toolRequest();
        subscription = LocalEventBus.subscribe(Selector.all(), event -> received.increment());
    }

    @TearDown
    public void tearDown() {
        subscription.close();
        System.out.println("BUSSTATS thinkTokens=" + thinkTokens + " shared=" + LocalEventBus.isShared()
                + " received=" + received.sum() + " " + LocalEventBus.stats());
        Drops.refuseIfAny("CallerOverheadBenchmark thinkTokens=" + thinkTokens);
    }

    /** Not named {@code createBreadcrumb}: the agent would intercept it as one more client frame around the call. */
    @Benchmark
    public CreatedBreadcrumb create() {
        if (thinkTokens > 0) {
            Blackhole.consumeCPU(thinkTokens);
        }
        return client.createBreadcrumb(draft);
    }
}
