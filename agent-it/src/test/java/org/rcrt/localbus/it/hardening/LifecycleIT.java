package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/** JVM exit with events queued, attaching to a running JVM, virtual-thread callers. */
class LifecycleIT {

    @Test
    void theJvmExitsPromptlyWithEventsQueuedBehindAListenerThatBlocksForever() {
        ForkedJvm.Result r = Hardening.withAgent("exit-queued", "ExitApp", "1000")
                .timeout(Duration.ofSeconds(60))
                .run();
        assertThat(r.timedOut()).as(r.describe()).isFalse();
        assertThat(r.elapsed()).as("exit within 20 s\n%s", r).isLessThan(Duration.ofSeconds(20));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Hardening.assertNoErrorsOrStackTraces(r);
        // the listener took the first event and blocks on it; the rest waits in its queue at exit
        assertThat(r.requiredLong("QUEUED")).isBetween(999L, 1000L);
        assertThat(r.value("MAIN_RETURNS")).isPresent();
    }

    @Test
    void attachingToARunningJvmInstrumentsItsAlreadyLoadedClient() throws Exception {
        try (ForkedJvm.Running child = Hardening.attachable("attach", "AttachApp", "5").start()) {
            Hardening.attachAgent(child);
            ForkedJvm.Result r = child.waitFor(Duration.ofSeconds(60));
            Hardening.assertCleanExit(r, "DONE");
            Hardening.assertNoErrorsOrStackTraces(r);
            assertThat(r.stderr()).as(r.describe()).contains("attached to a running JVM: instrumented 1 already loaded client classes");
            assertThat(r.stderr()).doesNotContain("WARNING: A Java agent has been loaded dynamically");
            assertThat(r.required("SHARED")).isEqualTo("true");
            assertThat(r.requiredLong("CREATED")).isEqualTo(5);
            assertThat(r.requiredLong("RECEIVED")).isEqualTo(5);
            assertThat(r.required("ALL_RECEIVED")).isEqualTo("true");
        }
    }

    @Test
    void attachingWeavesAnAlreadyDefinedProxyOfAnAnnotatedClientInterface() throws Exception {
        try (ForkedJvm.Running child = Hardening.attachable("attach-proxy", "AttachProxyApp", "3").start()) {
            Hardening.attachAgent(child);
            ForkedJvm.Result r = child.waitFor(Duration.ofSeconds(60));
            Hardening.assertCleanExit(r, "DONE");
            Hardening.assertNoErrorsOrStackTraces(r);
            assertThat(r.stderr()).as(r.describe()).contains("attached to a running JVM: instrumented 1 already loaded client classes");
            assertThat(r.requiredLong("CREATED")).isEqualTo(3);
            assertThat(r.required("ALL_RECEIVED")).as(r.describe()).isEqualTo("true");
            assertThat(r.required("UPDATED")).as(r.describe()).isEqualTo("true");
            assertThat(r.requiredLong("EVENTS")).as("3 creates and 1 update; the GET is no RCRT call").isEqualTo(4);
            assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).isEmpty();
        }
    }

    @Test
    void everyCallOnAVirtualThreadYieldsItsEvent() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        int n = 10_000;
        ForkedJvm.Result r = Hardening.withAgent("virtual-threads", "VirtualThreadsApp", String.valueOf(n)).run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("TERMINATED")).isEqualTo("true");
        assertThat(r.required("ALL_VIRTUAL")).isEqualTo("true");
        assertThat(r.requiredLong("CREATED")).isEqualTo(n);
        assertThat(r.requiredLong("RECEIVED")).isEqualTo(n);
        assertThat(r.required("SAME_IDS")).isEqualTo("true");
        assertThat(r.requiredLong("PUBLISHED")).isEqualTo(n);
    }
}
