package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * A sink method that returns a value and whose duplicate call is skipped returns what a completed no-op means for
 * its type: a completed future (so the application's {@code join()} works), an empty Optional, 0.
 */
class NonVoidSinkIT {

    @Test
    void aSkippedDuplicateReturnsACompletedNoOpForItsType() {
        ForkedJvm.Result r = SinkChild.withAgent("non-void-sink", "NonVoidSinkApp")
                .systemProperty("rcrt.localbus.sink", "com.example.sinks.FutureSink#handleEvent,"
                        + "com.example.sinks.FutureSink$ValueSink#onEvent,com.example.sinks.FutureSink$CountingSink#onEvent")
                .run();
        SinkChild.assertCleanExit(r);
        SinkChild.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("FUTURE_NULL")).as(r.describe()).isEqualTo("false");
        assertThat(r.required("FUTURE_DONE")).isEqualTo("true");
        assertThat(r.required("FUTURE_JOIN")).isEqualTo("null");
        assertThat(r.required("OPTIONAL")).isEqualTo("empty");
        assertThat(r.requiredLong("INT")).isZero();
        assertThat(r.requiredLong("RUNS")).as("the three skipped bodies did not run").isEqualTo(3);
        assertThat(r.required("REMOTE_OPTIONAL")).isEqualTo("handled");
        assertThat(r.requiredLong("REMOTE_INT")).isEqualTo(42);
    }
}
