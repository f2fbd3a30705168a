package org.rcrt.localbus.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * The view a non-bootstrap copy of the api has of the shared bus, through {@link BusBridge}'s JDK-typed methods.
 * Events cross as maps and are rebuilt as this copy's {@link BreadcrumbEvent}.
 */
final class BridgedBus implements BusAccess {
    private static final String BRIDGE = "org.rcrt.localbus.internal.BusBridge";

    private final MethodHandle subscribe;
    private final MethodHandle publish;
    private final MethodHandle seen;
    private final MethodHandle stats;
    private final MethodHandle describe;

    private BridgedBus(Class<?> bridge) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        subscribe = lookup.findStatic(bridge, "subscribe",
                MethodType.methodType(AutoCloseable.class, String.class, Consumer.class, Map.class));
        publish = lookup.findStatic(bridge, "publish", MethodType.methodType(void.class, Map.class));
        seen = lookup.findStatic(bridge, "seen", MethodType.methodType(boolean.class, String.class, long.class));
        stats = lookup.findStatic(bridge, "stats", MethodType.methodType(Map.class));
        describe = lookup.findStatic(bridge, "describe", MethodType.methodType(Object[].class, AutoCloseable.class));
    }

    /**
     * The bridge to the bootstrap loader's bus when this copy is not that one and the agent put one there;
     * otherwise {@code null}.
     */
    static BusAccess locate() {
        if (BridgedBus.class.getClassLoader() == null) {
            return null;
        }
        try {
            // Not compared with BusBridge.class: in a copy first used before the agent attached, names it had not
            // loaded yet resolve to the bootstrap copy, which may make that the very class.
            return new BridgedBus(Class.forName(BRIDGE, true, null));
        } catch (ClassNotFoundException noAgent) {
            return null;
        } catch (ReflectiveOperationException | LinkageError incompatible) {
            // An agent of another version whose bridge differs: keep this copy's own bus rather than fail.
            return null;
        }
    }

    @Override
    public Subscription subscribe(Selector selector, Consumer<? super BreadcrumbEvent> listener, SubscribeOptions options) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("dedupe", options.dedupe());
        o.put("queueCapacity", options.queueCapacity());
        o.put("name", options.name());
        Consumer<Map<String, Object>> adapter = m -> listener.accept(BreadcrumbEvent.fromMap(m));
        return new BridgedSubscription((AutoCloseable) call(subscribe, selector.toJson(), adapter, o));
    }

    @Override
    public void publish(BreadcrumbEvent event) {
        call(publish, event.toMap());
    }

    @Override
    public boolean seen(String breadcrumbId, long version) {
        return (Boolean) call(seen, breadcrumbId, version);
    }

    @Override
    @SuppressWarnings("unchecked")
    public BusStats stats() {
        return BusBridge.statsFromMap((Map<String, Object>) call(stats));
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** A subscription on the shared bus, seen from this copy. */
    final class BridgedSubscription implements Subscription {
        private final AutoCloseable handle;

        BridgedSubscription(AutoCloseable handle) {
            this.handle = handle;
        }

        @Override
        public String name() {
            return (String) ((Object[]) call(describe, handle))[0];
        }

        @Override
        public boolean isActive() {
            return (Boolean) ((Object[]) call(describe, handle))[1];
        }

        @Override
        public void close() {
            try {
                handle.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Object call(MethodHandle handle, Object... args) {
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
