package org.rcrt.localbus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Helpers shared by the bus tests: unique names, a recording listener, polling with a generous timeout. */
final class BusTestSupport {
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private BusTestSupport() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static BreadcrumbEvent event(String schema, String id, long version, Map<String, ?> context) {
        return BreadcrumbEvent.builder()
                .breadcrumbId(id)
                .version(version)
                .ownerId("owner-test")
                .schemaName(schema)
                .tags(List.of("test"))
                .context(context)
                .build();
    }

    static Selector schema(String schema) {
        return Selector.builder().schemaName(schema).build();
    }

    /** Polls until the condition holds; fails after ten seconds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    static BusStats.SubscriptionStats statsOf(String name) {
        return LocalEventBus.stats().subscriptions().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stats for subscription " + name));
    }

    static boolean hasStats(String name) {
        return LocalEventBus.stats().subscriptions().stream().anyMatch(s -> s.name().equals(name));
    }

    /** A listener that records what it receives, with the receiving thread's identity. */
    static final class Recorder implements Consumer<BreadcrumbEvent> {
        private final List<BreadcrumbEvent> events = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(BreadcrumbEvent event) {
            threads.add(Thread.currentThread());
            events.add(event);
        }

        int count() {
            return events.size();
        }

        List<BreadcrumbEvent> events() {
            synchronized (events) {
                return new ArrayList<>(events);
            }
        }

        List<Thread> threads() {
            synchronized (threads) {
                return new ArrayList<>(threads);
            }
        }

        List<String> ids() {
            return events().stream().map(BreadcrumbEvent::breadcrumbId).toList();
        }

        void awaitCount(int n) {
            await(n + " events (have " + count() + ")", () -> count() >= n);
        }
    }
}
