package org.rcrt.localbus;

import java.util.function.Consumer;
import org.rcrt.localbus.internal.BusAccess;
import org.rcrt.localbus.internal.BusAccessLocator;

/**
 * The process-wide local event bus: the fast lane beside RCRT's SSE stream.
 *
 * <p>With the rcrt-localbus agent installed, every successful {@code createBreadcrumb}/{@code updateBreadcrumb} of
 * an RCRT client in this process is published here right after it returns; SSE still delivers the same event to
 * every other process. Without the agent the bus works too: {@link #publish} by hand.
 *
 * <pre>{@code
 * Subscription sub = LocalEventBus.subscribe(
 *         Selector.builder().schemaName("tool.request.v1").build(),
 *         event -> runTool(event.breadcrumbId(), event.context()));
 * ...
 * sub.close();
 * }</pre>
 *
 * Listeners run on the bus's few threads, in publication order per subscription; a listener that throws or blocks
 * only affects itself (a call that overruns its budget moves its subscription to a thread of its own). Every class loader in the process reaches the same bus (see the README, "One bus per process").
 */
public final class LocalEventBus {
    private static final BusAccess BUS = BusAccessLocator.locate();

    private LocalEventBus() {}

    public static Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener) {
        return BUS.subscribe(selector, listener, SubscribeOptions.defaults());
    }

    public static Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener,
                                         SubscribeOptions options) {
        return BUS.subscribe(selector, listener, options);
    }

    /** Hands an event to every matching subscriber. Never blocks on a slow subscriber, never throws for one. */
    public static void publish(BreadcrumbEvent event) {
        BUS.publish(event);
    }

    /**
     * Whether the local lane already handed this version (or a newer one) of the breadcrumb to every matching
     * subscriber: a consumer that also reads SSE can skip the SSE copy when this is true.
     */
    public static boolean seen(String breadcrumbId, long version) {
        return BUS.seen(breadcrumbId, version);
    }

    public static BusStats stats() {
        return BUS.stats();
    }

    /** True when this is the process-wide bus fed by the agent; false for a bus local to this copy of the api. */
    public static boolean isShared() {
        return BUS.shared();
    }
}
