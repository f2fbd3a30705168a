package com.example.sinks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import com.example.support.ChildApp;

/** Helpers of the child mains (not of the sinks): {@code KEY=value} output and functional waits on the bus's figures. */
final class Child {
    private Child() {}



    /** Like {@link #await} but a miss ends the child with a message naming what was awaited. */
    static void require(String what, BooleanSupplier condition, long timeoutMillis) {
        if (!ChildApp.await(condition, timeoutMillis)) {
            ChildApp.print("TIMEOUT", what);
            ChildApp.print("STATS", LocalEventBus.stats());
            System.exit(3);
        }
    }


    /** The subscription name the agent gives a sink instance. */
    static String sinkName(Class<?> sinkClass, String method, Object instance) {
        return "sink " + sinkClass.getName() + "#" + method + "@" + Integer.toHexString(System.identityHashCode(instance));
    }

    static BusStats.SubscriptionStats sub(String name) {
        return ChildApp.subscription(name);
    }

    /** True once the subscription's listener has returned or thrown {@code calls} times and nothing waits in its queue. */
    static boolean settled(String name, long calls) {
        BusStats.SubscriptionStats s = sub(name);
        return s != null && s.delivered() + s.listenerErrors() >= calls && s.queueDepth() == 0;
    }


    static Map<String, Object> body(String schema, String title, Map<String, Object> context, List<String> tags) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema_name", schema);
        body.put("title", title);
        body.put("tags", tags);
        body.put("context", context);
        return body;
    }
}
