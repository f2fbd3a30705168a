package org.rcrt.localbus.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * The bus of a non-bootstrap copy of the api that found no shared bus at its first use: its own, until the agent
 * is attached to the running JVM and calls {@link #join}. Then every open subscription is moved to the shared bus
 * (subscribed there with the same selector, listener and options, and closed here) and every later call goes
 * there, so the application's subscribers get the agent's events without doing anything.
 *
 * <p>The handles given out stay valid across the move: each forwards to wherever its subscription lives now.
 */
final class JoinableBus implements BusAccess {
    /**
     * The classes a join runs, loaded now through this copy's own class loader. Once the agent has defined the api
     * in the bootstrap loader, a name this copy had not loaded yet resolves to that copy instead (the application
     * class loader asks its parent first), whose package-private members this copy cannot reach.
     */
    private static final List<Class<?>> JOIN_PATH = List.of(BridgedBus.class, BridgedBus.BridgedSubscription.class,
            BusBridge.class, Movable.class);

    private final BusAccess own;
    private volatile BusAccess current;
    /** Open subscriptions on this copy's own bus; guarded by {@code this}, empty once joined. */
    private final Set<Movable> open = new LinkedHashSet<>();

    JoinableBus(BusAccess own) {
        this.own = own;
        this.current = own;
    }

    @Override
    public synchronized Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener,
                                               SubscribeOptions options) {
        if (current != own) {
            return current.subscribe(selector, listener, options);
        }
        Movable s = new Movable(selector, listener, options, own.subscribe(selector, listener, options));
        open.add(s);
        return s;
    }

    @Override
    public void publish(BreadcrumbEvent event) {
        current.publish(event);
    }

    @Override
    public boolean seen(String breadcrumbId, long version) {
        return current.seen(breadcrumbId, version);
    }

    @Override
    public BusStats stats() {
        return current.stats();
    }

    @Override
    public boolean shared() {
        return current.shared();
    }

    /**
     * Moves everything to the shared bus; the number of subscriptions moved (0 when joined already). All or
     * nothing: when a subscription cannot be made there, those made are closed and this copy keeps its own bus.
     */
    synchronized int join(BusAccess shared) {
        if (current != own) {
            return 0;
        }
        List<Subscription> there = new ArrayList<>(open.size());
        try {
            for (Movable s : open) {
                there.add(shared.subscribe(s.selector, s.listener, s.options));
            }
        } catch (RuntimeException | LinkageError e) {
            there.forEach(Subscription::close);
            throw e;
        }
        current = shared;
        Iterator<Subscription> moved = there.iterator();
        for (Movable s : open) {
            s.movedTo(moved.next());
        }
        open.clear();
        return there.size();
    }

    private final class Movable implements Subscription {
        private final Selector selector;
        private final Consumer<? super BreadcrumbEvent> listener;
        private final SubscribeOptions options;
        private volatile Subscription delegate;

        Movable(Selector selector, Consumer<? super BreadcrumbEvent> listener, SubscribeOptions options,
                Subscription delegate) {
            this.selector = selector;
            this.listener = listener;
            this.options = options;
            this.delegate = delegate;
        }

        void movedTo(Subscription there) {
            Subscription here = delegate;
            delegate = there;
            here.close();
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public boolean isActive() {
            return delegate.isActive();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }

        @Override
        public void close() {
            synchronized (JoinableBus.this) {
                open.remove(this);
                delegate.close();
            }
        }
    }
}
