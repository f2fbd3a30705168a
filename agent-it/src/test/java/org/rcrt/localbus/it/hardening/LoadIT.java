package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * 16 threads create N breadcrumbs ({@code -Dit.load.breadcrumbs}, default 100000) through an in-memory client while
 * 8 subscriptions with different selectors listen: each gets every matching event exactly once and in per-thread
 * order (checked in the child, see {@code com.example.hardening.LoadApp}); nothing is dropped; and the used heap
 * after full GCs comes back to its baseline instead of growing with N.
 */
class LoadIT {
    private static final long HEAP_BOUND = 16L * 1024 * 1024;

    @Test
    void everySubscriptionGetsEveryMatchingEventOnceInOrderAndTheHeapReturnsToBaseline() {
        int n = ForkedJvm.loadSize(100_000);
        ForkedJvm.Result r = Hardening.withAgent("load", "LoadApp", String.valueOf(n), "16")
                .jvmArgs("-Xmx1g")
                // big enough that no subscriber queue can drop (the events are counted anyway)
                .systemProperty("rcrt.localbus.queue.capacity", String.valueOf(Math.max(10_000, n * 2)))
                .timeout(Duration.ofMinutes(3))
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        long total = r.requiredLong("TOTAL");
        assertThat(total).isGreaterThanOrEqualTo(n - 16L);
        assertThat(r.required("COMPLETE")).as(r.describe()).isEqualTo("true");

        String[] subs = {"all-1", "all-2", "schema-v0", "any-even", "all-load-odd", "mod3-eq-0", "seq-lt", "threads-3-7"};
        for (String sub : subs) {
            String line = r.required("SUB " + sub);
            long expected = field(line, "expected");
            if (total >= 64) {
                assertThat(expected).as("%s matches something", sub).isPositive();
            }
            assertThat(field(line, "received")).as("%s: %s", sub, line).isEqualTo(expected);
            assertThat(field(line, "violations")).as("%s: %s", sub, line).isZero();
        }
        assertThat(field(r.required("SUB all-1"), "expected")).isEqualTo(total);

        assertThat(r.requiredLong("PUBLISHED")).isEqualTo(total);
        assertThat(r.requiredLong("DROPPED")).isZero();
        assertThat(r.requiredLong("LISTENER_ERRORS")).isZero();
        assertThat(r.requiredLong("NOT_CONVERTED")).isZero();
        assertThat(r.requiredLong("AGENT_ERRORS")).isZero();
        assertThat(r.requiredLong("DUPLICATES_SKIPPED")).isZero();

        long baseline = r.requiredLong("HEAP_BASELINE");
        long mid = r.requiredLong("HEAP_MID");
        long end = r.requiredLong("HEAP_END");
        System.out.printf("load: N=%d in %d ms; heap after GC: baseline %,d  mid %,d  end %,d%n",
                total, r.elapsed().toMillis(), baseline, mid, end);
        assertThat(end - baseline).as("heap growth over the whole run (baseline %d, end %d)", baseline, end)
                .isLessThan(HEAP_BOUND);
        assertThat(end - mid).as("heap growth over the second half (mid %d, end %d): must not grow with N", mid, end)
                .isLessThan(HEAP_BOUND / 2);
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }
}
