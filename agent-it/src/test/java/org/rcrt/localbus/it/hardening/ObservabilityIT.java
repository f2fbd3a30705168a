package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/** The MBean org.rcrt.localbus:type=LocalEventBus shows the work done, read through the child's platform MBean server. */
class ObservabilityIT {

    @Test
    void theMBeanAppearsAndItsFiguresMatchTheWorkDone() {
        int n = 50;
        ForkedJvm.Result r = Hardening.withAgent("jmx", "JmxApp", String.valueOf(n)).run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("MBEAN_REGISTERED")).as(r.describe()).isEqualTo("true");

        // three subscriptions: ok (delivers all n), thrower (n errors), blocked (holds event 0, queues 2, drops the rest)
        long blockedDropped = n - 1 - 2;
        assertThat(r.requiredLong("MBEAN_Published")).isEqualTo(n);
        assertThat(r.requiredLong("MBEAN_Delivered")).isEqualTo(n);
        assertThat(r.requiredLong("MBEAN_ListenerErrors")).isEqualTo(n);
        assertThat(r.requiredLong("MBEAN_Dropped")).isEqualTo(blockedDropped);
        assertThat(r.requiredLong("MBEAN_QueuedEvents")).isEqualTo(2);
        assertThat(r.requiredLong("MBEAN_SUBSCRIPTIONS")).isEqualTo(3);
        assertThat(r.requiredLong("BLOCKED_DROPPED")).isEqualTo(blockedDropped);
        assertThat(r.required("MBEAN_COUNTERS_TYPE")).contains("TabularData");
        assertThat(r.requiredLong("MBEAN_COUNTER_agent.intercepted")).isEqualTo(n);
        assertThat(r.requiredLong("MBEAN_COUNTER_agent.notConverted")).isZero();
        assertThat(r.requiredLong("MBEAN_COUNTER_agent.errors")).isZero();
        assertThat(r.requiredLong("MBEAN_COUNTER_agent.transformedClasses")).isPositive();
        // the MBean and the api's stats() agree
        assertThat(r.requiredLong("STATS_Published")).isEqualTo(n);
        assertThat(r.requiredLong("STATS_Delivered")).isEqualTo(n);
        assertThat(r.requiredLong("STATS_Dropped")).isEqualTo(blockedDropped);
        assertThat(r.requiredLong("STATS_ListenerErrors")).isEqualTo(n);
    }
}
