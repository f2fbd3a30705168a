package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * Sink instances are held weakly: instances the application drops are collected, their subscriptions leave
 * {@code LocalEventBus.stats().subscriptions()}; later events reach only the live instance,
 * with no errors, drops or backlog.
 */
class WeakSinkIT {

    @Test
    void droppedSinkInstancesAreCollectedAndUnsubscribed() {
        int n = 30;
        int m = 200;
        ForkedJvm.Result r = SinkChild.withAgent("weak-sink", "WeakSinkApp", String.valueOf(n), String.valueOf(m))
                .systemProperty("rcrt.localbus.sink", "com.example.sinks.DroppableSink#handleEvent")
                .run();
        SinkChild.assertCleanExit(r);
        SinkChild.assertQuiet(r);
        assertThat(r.requiredLong("SUBSCRIPTIONS_BEFORE")).as(r.describe()).isEqualTo(n + 1);
        assertThat(r.requiredLong("FIRST_EVENT_CALLS")).isEqualTo(n + 1);
        // no thread per instance: at most a first call slowed by class loading moves to its own thread for a while
        assertThat(r.requiredLong("SINK_THREADS_BEFORE")).as("no thread per instance").isLessThanOrEqualTo(r.requiredLong("CORES"));
        assertThat(r.requiredLong("POOL_THREADS")).as("the instances share the pool").isPositive()
                .isLessThanOrEqualTo(r.requiredLong("CORES"));

        assertThat(r.required("CLEARED")).as("the dropped instances were collected\n%s", r).isEqualTo("true");
        assertThat(r.required("UNSUBSCRIBED")).as("their subscriptions went away\n%s", r).isEqualTo("true");
        assertThat(r.requiredLong("SUBSCRIPTIONS_AFTER_GC")).isEqualTo(1);
        assertThat(r.requiredLong("SINK_THREADS_AFTER_GC")).as(r.describe()).isZero();

        assertThat(r.requiredLong("LATER_CALLS")).as("later events reach only the kept sink\n%s", r).isEqualTo(m);
        assertThat(r.requiredLong("KEPT_CALLS")).isEqualTo(1 + m);
        assertThat(r.requiredLong("SUBSCRIPTIONS_AT_END")).isEqualTo(1);
        assertThat(r.requiredLong("QUEUED_AT_END")).isZero();
        assertThat(r.requiredLong("SINK_THREADS_AT_END")).isZero();
        assertThat(r.requiredLong("LISTENER_ERRORS")).isZero();
        assertThat(r.requiredLong("DROPPED")).isZero();
        assertThat(r.requiredLong("SINK_INSTANCES")).as("instances ever registered").isEqualTo(n + 1);
    }
}
