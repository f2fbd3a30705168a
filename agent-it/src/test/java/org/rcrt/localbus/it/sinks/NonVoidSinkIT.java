package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * A sink method that returns a value and whose duplicate call is skipped returns what a completed no-op means for
 * its type: a completed future (so the application's {@code join()} works), an empty Optional, 0. Sinks are woven
 * with the ASM that Byte Buddy bundles, like clients: the rest of Byte Buddy never loads.
 */
class NonVoidSinkIT {

    @Test
    void aSkippedDuplicateReturnsACompletedNoOpForItsType(@TempDir Path dir) throws IOException {
        Path classLog = dir.resolve("class-load.log");
        ForkedJvm.Result r = SinkChild.withAgent("non-void-sink", "NonVoidSinkApp")
                .jvmArgs("-Xlog:class+load=info:file=" + classLog)
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
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("the sink weaver ran").anyMatch(l -> l.contains(" org.rcrt.localbus.agent.sink.SinkWeaver "));
        assertThat(loaded).as("of Byte Buddy, only its ASM")
                .filteredOn(l -> l.contains(" org.rcrt.localbus.shaded.bytebuddy."))
                .isNotEmpty()
                .allMatch(l -> l.contains(" org.rcrt.localbus.shaded.bytebuddy.jar.asm."));
    }
}
