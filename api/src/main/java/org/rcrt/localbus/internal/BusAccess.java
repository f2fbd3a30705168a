package org.rcrt.localbus.internal;

import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/** What {@link org.rcrt.localbus.LocalEventBus} delegates to: this loader's own bus, or a bridge to the shared one. */
public interface BusAccess {
    Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener, SubscribeOptions options);

    void publish(BreadcrumbEvent event);

    boolean seen(String breadcrumbId, long version);

    BusStats stats();

    /** True when this is the process-wide bus the agent feeds (directly or through the bridge). */
    boolean shared();

    /** This loader's bus; it is the shared one exactly when this class was loaded by the bootstrap loader. */
    static BusAccess local() {
        InProcessBus bus = InProcessBus.INSTANCE;
        boolean shared = BusAccess.class.getClassLoader() == null;
        return new BusAccess() {
            @Override
            public Subscription subscribe(Selector s, Consumer<? super BreadcrumbEvent> l, SubscribeOptions o) {
                return bus.subscribe(s, l, o);
            }

            @Override
            public void publish(BreadcrumbEvent event) {
                bus.publish(event);
            }

            @Override
            public boolean seen(String id, long version) {
                return bus.seen(id, version);
            }

            @Override
            public BusStats stats() {
                return bus.stats();
            }

            @Override
            public boolean shared() {
                return shared;
            }
        };
    }
}
