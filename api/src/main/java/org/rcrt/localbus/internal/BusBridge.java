package org.rcrt.localbus.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * The shared bus's entry points in JDK types only.
 *
 * <p>An application may load its own copy of the api jar in a child-first class loader (a web-app loader, a
 * plug-in loader). Its {@code BreadcrumbEvent} is then a different class from the bootstrap copy's, so the two
 * copies can only talk in types both see the same: {@code String}, {@code Map}, {@code Consumer},
 * {@code AutoCloseable}. The copy calls these methods on the bootstrap loader's {@code BusBridge} (see
 * {@link BridgedBus}) and so reaches the one bus the agent feeds. Not an API for applications.
 */
public final class BusBridge {
    private BusBridge() {}

    public static AutoCloseable subscribe(String selectorJson, Consumer<Map<String, Object>> listener,
                                          Map<String, Object> options) {
        SubscribeOptions o = SubscribeOptions.defaults()
                .withDedupe(Boolean.TRUE.equals(options.get("dedupe")))
                .withQueueCapacity(((Number) options.getOrDefault("queueCapacity", 0)).intValue())
                .withName((String) options.get("name"));
        return InProcessBus.INSTANCE.subscribe(Selector.parse(selectorJson), e -> listener.accept(e.toMap()), o);
    }

    public static void publish(Map<String, Object> event) {
        InProcessBus.INSTANCE.publish(BreadcrumbEvent.fromMap(event));
    }

    public static boolean seen(String breadcrumbId, long version) {
        return InProcessBus.INSTANCE.seen(breadcrumbId, version);
    }

    public static Map<String, Object> stats() {
        return statsToMap(InProcessBus.INSTANCE.stats());
    }

    /** Subscription name and state, for the bridged copy's {@link Subscription} view. */
    public static Object[] describe(AutoCloseable subscription) {
        Subscription s = (Subscription) subscription;
        return new Object[] {s.name(), s.isActive()};
    }

    static Map<String, Object> statsToMap(BusStats stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("published", stats.published());
        m.put("delivered", stats.delivered());
        m.put("dropped", stats.dropped());
        m.put("listenerErrors", stats.listenerErrors());
        m.put("duplicatesSkipped", stats.duplicatesSkipped());
        List<Object> subs = new ArrayList<>();
        for (BusStats.SubscriptionStats s : stats.subscriptions()) {
            subs.add(new Object[] {s.name(), s.selector(), s.queueDepth(), s.queueCapacity(), s.delivered(),
                s.dropped(), s.listenerErrors(), s.duplicatesSkipped()});
        }
        m.put("subscriptions", subs);
        m.put("counters", new LinkedHashMap<>(stats.counters()));
        return m;
    }

    @SuppressWarnings("unchecked")
    static BusStats statsFromMap(Map<String, Object> m) {
        List<BusStats.SubscriptionStats> subs = new ArrayList<>();
        for (Object o : (List<Object>) m.get("subscriptions")) {
            Object[] s = (Object[]) o;
            subs.add(new BusStats.SubscriptionStats((String) s[0], (String) s[1], (Integer) s[2], (Integer) s[3],
                    (Long) s[4], (Long) s[5], (Long) s[6], (Long) s[7]));
        }
        return new BusStats((Long) m.get("published"), (Long) m.get("delivered"), (Long) m.get("dropped"),
                (Long) m.get("listenerErrors"), (Long) m.get("duplicatesSkipped"), subs,
                (Map<String, Long>) m.get("counters"));
    }
}
