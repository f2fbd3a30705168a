package com.example.hardening;

import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;

/** Small helpers shared by the child-JVM "applications" of the hardening suite; they print {@code KEY=value} lines. */
final class App {
    private App() {}

    static void print(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }

    /** Waits until the condition holds; false when it did not within the time. */
    static boolean await(BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(2);
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Used heap after a few full collections. */
    static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            sleep(60);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static long counter(String name) {
        Long v = LocalEventBus.stats().counters().get(name);
        return v == null ? -1 : v;
    }

    /** Waits until the agent has turned {@code calls} intercepted calls into published events or drops. */
    static boolean awaitDispatched(long calls, long timeoutMillis) {
        return await(() -> {
            long intercepted = counter("agent.intercepted");
            long settled = LocalEventBus.stats().published() + counter("agent.notConverted")
                    + counter("agent.handoffDropped") + counter("agent.errors");
            return intercepted >= calls && settled >= intercepted;
        }, timeoutMillis);
    }

    static BusStats.SubscriptionStats sub(String name) {
        for (BusStats.SubscriptionStats s : LocalEventBus.stats().subscriptions()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalStateException("no subscription " + name);
    }

    static LongSupplier published() {
        return () -> LocalEventBus.stats().published();
    }
}
