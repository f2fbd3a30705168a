package com.example.sinks;

import com.example.support.ChildApp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Run with {@code -Drcrt.localbus.sink=com.example.sinks.BaseBridge#handleEvent}. Constructs a sink two levels down
 * the hierarchy (loaded first), one a level down, and the configured class itself; each constructor, as it returns,
 * notes whether the instance is already subscribed. Then one event reaches all three, and its SSE copy, handed to
 * each instance's sink method by the application, must be skipped — in the override too.
 * Prints {@code KEY=value} lines; see {@code SinkSubclassIT}.
 */
public final class SubclassSinkApp {
    private static final AtomicInteger SUBSCRIBED_DURING_CONSTRUCTION = new AtomicInteger();
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private SubclassSinkApp() {}

    /** Called as each constructor of the hierarchy returns: the instance must not be a subscriber yet. */
    static void constructorReturning(Object instance) {
        String suffix = "@" + Integer.toHexString(System.identityHashCode(instance));
        if (LocalEventBus.stats().subscriptions().stream().anyMatch(s -> s.name().endsWith(suffix))) {
            SUBSCRIBED_DURING_CONSTRUCTION.incrementAndGet();
        }
    }

    public static void main(String[] args) {
        DeeperBridge deeper = new DeeperBridge("deeper");
        DerivedBridge derived = new DerivedBridge("derived");
        BaseBridge base = new BaseBridge();
        ChildApp.print("SUBSCRIBED_DURING_CONSTRUCTION", SUBSCRIBED_DURING_CONSTRUCTION.get());
        ChildApp.print("SINK_INSTANCES", ChildApp.counter("sink.instances"));
        ChildApp.print("DEEPER_SUBSCRIBED", subscribed(deeper));

        LocalEventBus.subscribe(Selector.all(), e -> EVENTS.add(e.toJson()));
        new TenantClient(null).createBreadcrumb(Child.body("subclass.test.v1", "one", Map.of("n", 1), List.of("t")));
        Child.require("the event reached the three sinks and the capture",
                () -> EVENTS.size() == 1 && deeper.calls() == 1 && derived.calls() == 1 && base.calls() == 1, 30_000);
        ChildApp.print("OVERRIDE_CALLS_LOCAL", deeper.overrideCalls() + derived.overrideCalls());

        String sseCopy = EVENTS.get(0); // the application's SSE reader hands the same event to each sink
        deeper.handleEvent(sseCopy);
        derived.handleEvent(sseCopy);
        base.handleEvent(sseCopy);
        ChildApp.print("OVERRIDE_CALLS_AFTER_SSE", deeper.overrideCalls() + derived.overrideCalls());
        ChildApp.print("BASE_CALLS_AFTER_SSE", deeper.calls() + derived.calls() + base.calls());
        ChildApp.print("HALF_CONSTRUCTED_CALLS", deeper.halfConstructedCalls() + derived.halfConstructedCalls());
        ChildApp.print("SKIPPED", ChildApp.counter("sink.sseCopiesSkipped"));
        ChildApp.print("DONE", true);
    }

    private static boolean subscribed(Object instance) {
        String suffix = "@" + Integer.toHexString(System.identityHashCode(instance));
        return LocalEventBus.stats().subscriptions().stream().anyMatch(s -> s.name().endsWith(suffix));
    }
}
