package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * A sleeping, a blocked and a throwing listener never delay the caller nor the other subscriptions; with a small
 * queue a blocked subscriber drops, counts the drops, and says so once. All functional, no timing thresholds.
 */
class SlowListenersIT {

    @Test
    void slowBlockedAndThrowingListenersDelayNeitherTheCallerNorOtherSubscriptions() {
        int n = 2000;
        ForkedJvm.Result r = Hardening.withAgent("slow-listeners", "SlowListenerApp", "isolation", String.valueOf(n)).run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);

        assertThat(r.requiredLong("CALLER_RETURNED")).isEqualTo(n);
        assertThat(r.requiredLong("CALLER_EXCEPTIONS")).isZero();
        // The sleeper needs 50 ms per event: had the caller waited for it, it would have seen all n by now.
        assertThat(r.requiredLong("SLEEPER_AT_CALLER_END")).as(r.describe()).isLessThan(n / 4);
        // The fast subscription got everything while the blocked one was still stuck on its first event.
        assertThat(r.required("FAST_COMPLETE")).isEqualTo("true");
        assertThat(r.requiredLong("FAST")).isEqualTo(n);
        assertThat(r.requiredLong("BLOCKED_STARTED_WHEN_FAST_DONE")).isEqualTo(1);
        assertThat(r.requiredLong("SLEEPER_WHEN_FAST_DONE")).isLessThan(n);
        assertThat(r.requiredLong("THROWER_ERRORS")).isEqualTo(n);
        assertThat(r.requiredLong("BLOCKED_AFTER_RELEASE")).isEqualTo(n);
        // the throwing listener: counted every time, logged once (rate-limited), by exception class only
        assertThat(Hardening.countStderr(r, "listener of 'thrower' threw java.lang.IllegalStateException")).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).doesNotContain("listener fails on purpose");
    }

    @Test
    void aFullQueueDropsCountsAndWarnsOnceWithoutHurtingTheApplication() {
        int n = 200;
        ForkedJvm.Result r = Hardening.withAgent("full-queue", "SlowListenerApp", "full", String.valueOf(n))
                .systemProperty("rcrt.localbus.queue.capacity", "16")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);

        assertThat(r.requiredLong("CALLER_RETURNED")).isEqualTo(n);
        assertThat(r.requiredLong("CALLER_EXCEPTIONS")).isZero();
        assertThat(r.requiredLong("FAST")).isEqualTo(n);
        assertThat(r.requiredLong("PUBLISHED")).isEqualTo(n);
        assertThat(r.requiredLong("BLOCKED_CAPACITY")).isEqualTo(16);
        long dropped = r.requiredLong("BLOCKED_DROPPED");
        long depth = r.requiredLong("BLOCKED_DEPTH");
        long inListener = r.requiredLong("BLOCKED_IN_LISTENER");
        assertThat(inListener).isEqualTo(1);
        assertThat(depth).isEqualTo(16);
        assertThat(dropped).as("every event is in the listener, queued, or dropped").isEqualTo(n - depth - inListener);
        assertThat(r.requiredLong("DROPPED")).isEqualTo(dropped);
        // exactly one WARN about the full queue, naming the subscription
        assertThat(Hardening.countStderr(r, "is full")).as(r.describe()).isEqualTo(1);
        assertThat(Hardening.countStderr(r, "WARN [rcrt-localbus] queue of 'blocked' is full")).isEqualTo(1);
    }
}
