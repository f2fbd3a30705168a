package com.example.support;

import java.util.function.BooleanSupplier;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;

/**
 * What every child-JVM "application" of the integration tests needs: {@code KEY=value} lines for the test to read,
 * functional waits (never timing asserts), and the bus's figures.
 */
public final class ChildApp {
    private ChildApp() {}

    public static void print(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }

    /** Waits until the condition holds; false when it did not within the time. */
    public static boolean await(BooleanSupplier condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(2);
        }
        return true;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One of the agent's counters in {@code stats()}, or -1 when it has none of that name. */
    public static long counter(String name) {
        Long v = LocalEventBus.stats().counters().get(name);
        return v == null ? -1 : v;
    }

    /** The figures of the subscription of that name, or {@code null}. */
    public static BusStats.SubscriptionStats subscription(String name) {
        for (BusStats.SubscriptionStats s : LocalEventBus.stats().subscriptions()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
