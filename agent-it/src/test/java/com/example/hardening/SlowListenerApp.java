package com.example.hardening;

import com.example.support.ChildApp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Slow, blocked and throwing listeners beside a fast one.
 * <ul>
 *   <li>{@code isolation N}: a sleeping, a blocked and a throwing subscription must not delay the caller's N calls
 *       nor the fast subscription;</li>
 *   <li>{@code full N}: run with a small queue capacity; a blocked subscription's queue fills up and drops.</li>
 * </ul>
 */
public final class SlowListenerApp {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int n = Integer.parseInt(args[1]);
        AtomicLong slow = new AtomicLong();
        AtomicLong fast = new AtomicLong();
        AtomicLong blocked = new AtomicLong();
        CountDownLatch release = new CountDownLatch(1);
        MemoryClient client = new MemoryClient();
        long exceptions = 0;
        long returned = 0;

        if (mode.equals("isolation")) {
            LocalEventBus.subscribe(Selector.all(), e -> {
                ChildApp.sleep(50);
                slow.incrementAndGet();
            }, SubscribeOptions.defaults().withName("sleeper"));
            LocalEventBus.subscribe(Selector.all(), e -> {
                blocked.incrementAndGet();
                awaitQuietly(release);
            }, SubscribeOptions.defaults().withName("blocked"));
            LocalEventBus.subscribe(Selector.all(), e -> {
                throw new IllegalStateException("listener fails on purpose");
            }, SubscribeOptions.defaults().withName("thrower"));
            LocalEventBus.subscribe(Selector.all(), e -> fast.incrementAndGet(), SubscribeOptions.defaults().withName("fast"));
            for (int i = 0; i < n; i++) {
                try {
                    if (client.createBreadcrumb(Bodies.simple("slow " + i)) != null) {
                        returned++;
                    }
                } catch (RuntimeException e) {
                    exceptions++;
                }
            }
            ChildApp.print("CALLER_RETURNED", returned);
            ChildApp.print("CALLER_EXCEPTIONS", exceptions);
            ChildApp.print("SLEEPER_AT_CALLER_END", slow.get());
            boolean fastDone = ChildApp.await(() -> fast.get() == n, 60_000);
            ChildApp.print("FAST_COMPLETE", fastDone);
            ChildApp.print("FAST", fast.get());
            ChildApp.print("BLOCKED_STARTED_WHEN_FAST_DONE", blocked.get());
            ChildApp.print("SLEEPER_WHEN_FAST_DONE", slow.get());
            ChildApp.await(() -> App.sub("thrower").listenerErrors() == n, 60_000);
            ChildApp.print("THROWER_ERRORS", App.sub("thrower").listenerErrors());
            release.countDown();
            ChildApp.await(() -> blocked.get() == n, 60_000);
            ChildApp.print("BLOCKED_AFTER_RELEASE", blocked.get());
        } else if (mode.equals("full")) {
            LocalEventBus.subscribe(Selector.all(), e -> {
                blocked.incrementAndGet();
                awaitQuietly(release);
            }, SubscribeOptions.defaults().withName("blocked"));
            LocalEventBus.subscribe(Selector.all(), e -> fast.incrementAndGet(),
                    SubscribeOptions.defaults().withName("fast").withQueueCapacity(100_000));
            for (int i = 0; i < n; i++) {
                try {
                    if (client.createBreadcrumb(Bodies.simple("full " + i)) != null) {
                        returned++;
                    }
                } catch (RuntimeException e) {
                    exceptions++;
                }
                if (i == 0) {
                    ChildApp.await(() -> blocked.get() == 1, 10_000); // the blocked listener holds event 0 from now on
                }
            }
            ChildApp.print("CALLER_RETURNED", returned);
            ChildApp.print("CALLER_EXCEPTIONS", exceptions);
            ChildApp.await(() -> fast.get() == n, 60_000);
            ChildApp.print("FAST", fast.get());
            BusStats.SubscriptionStats b = App.sub("blocked");
            ChildApp.print("BLOCKED_DROPPED", b.dropped());
            ChildApp.print("BLOCKED_DEPTH", b.queueDepth());
            ChildApp.print("BLOCKED_CAPACITY", b.queueCapacity());
            ChildApp.print("BLOCKED_IN_LISTENER", blocked.get());
            BusStats stats = LocalEventBus.stats();
            ChildApp.print("DROPPED", stats.dropped());
            ChildApp.print("PUBLISHED", stats.published());
        } else {
            throw new IllegalArgumentException(mode);
        }
        ChildApp.print("DONE", true);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
