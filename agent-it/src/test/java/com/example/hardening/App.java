package com.example.hardening;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import com.example.support.ChildApp;

/** Small helpers shared by the child-JVM "applications" of the hardening suite; they print {@code KEY=value} lines. */
final class App {
    private App() {}



    /** Used heap after a few full collections. */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            ChildApp.sleep(60);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }


    /** Waits until the agent has turned {@code calls} intercepted calls into published events or drops. */
    static boolean awaitDispatched(long calls, long timeoutMillis) {
        return ChildApp.await(() -> {
            long intercepted = ChildApp.counter("agent.intercepted");
            long settled = LocalEventBus.stats().published() + ChildApp.counter("agent.notConverted")
                    + ChildApp.counter("agent.errors");
            return intercepted >= calls && settled >= intercepted;
        }, timeoutMillis);
    }

    static BusStats.SubscriptionStats sub(String name) {
        BusStats.SubscriptionStats s = ChildApp.subscription(name);
        if (s == null) {
            throw new IllegalStateException("no subscription " + name);
        }
        return s;
    }

    static LongSupplier published() {
        return () -> LocalEventBus.stats().published();
    }
}
