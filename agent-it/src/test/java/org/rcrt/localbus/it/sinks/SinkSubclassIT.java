package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * A subclass of a configured sink class is a sink too: registered once, when its own constructor has returned
 * (never half constructed), and its overriding sink method skips an SSE copy like the base's does.
 */
class SinkSubclassIT {

    @Test
    void subclassesAreRegisteredOnceFullyConstructedAndTheirOverridesAreInstrumented() {
        ForkedJvm.Result r = SinkChild.withAgent("sink-subclass", "SubclassSinkApp")
                .systemProperty("rcrt.localbus.sink", "com.example.sinks.BaseBridge#handleEvent")
                .run();
        SinkChild.assertCleanExit(r);
        SinkChild.assertQuiet(r);
        assertThat(r.requiredLong("SUBSCRIBED_DURING_CONSTRUCTION")).as("subscribed before a constructor returned\n%s", r)
                .isZero();
        assertThat(r.requiredLong("SINK_INSTANCES")).as("each instance registered once\n%s", r).isEqualTo(3);
        assertThat(r.required("DEEPER_SUBSCRIBED")).as("two levels down, loaded before its superclass").isEqualTo("true");
        assertThat(r.requiredLong("OVERRIDE_CALLS_LOCAL")).isEqualTo(2);
        assertThat(r.requiredLong("OVERRIDE_CALLS_AFTER_SSE")).as("the override skipped the SSE copy\n%s", r).isEqualTo(2);
        assertThat(r.requiredLong("BASE_CALLS_AFTER_SSE")).isEqualTo(3);
        assertThat(r.requiredLong("HALF_CONSTRUCTED_CALLS")).isZero();
        assertThat(r.requiredLong("SKIPPED")).as("three SSE copies skipped\n%s", r).isEqualTo(3);
    }
}
