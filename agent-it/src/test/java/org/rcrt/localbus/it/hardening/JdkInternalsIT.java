package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * The agent defines its bootstrap classes through a JDK internal, and must get that access for itself alone:
 * application code in the same JVM still cannot reach {@code jdk.internal.misc}, directly, reflectively or through
 * the agent's class loader, while the agent delivers its events.
 */
class JdkInternalsIT {

    @Test
    void applicationCodeCannotReachJdkInternalMiscWithTheAgentPresent(@TempDir Path dir) throws Exception {
        Path probeClasses = compileProbe(dir);
        ForkedJvm.Result r = ForkedJvm.builder("unsafe-probe")
                .javaagent(ForkedJvm.agentJar())
                .classpath(probeClasses, ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass("UnsafeProbe")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("AGENT_DELIVERS")).as(r.describe()).isEqualTo("true");
        assertThat(r.required("DIRECT")).as(r.describe()).isEqualTo("IllegalAccessError");
        assertThat(r.required("REFLECTIVE")).isEqualTo("IllegalAccessException");
        assertThat(r.required("LOOKUP")).isEqualTo("IllegalAccessException");
        assertThat(r.required("EXPORTED_TO_APP")).isEqualTo("false");
        assertThat(r.required("AGENT_LOADER")).isEqualTo("rcrt-localbus-agent");
        assertThat(r.required("EXPORTED_TO_AGENT_LOADER")).isEqualTo("false");
        // and still the bootstrap classes were defined without an appended jar, and without sun.misc.Unsafe
        assertThat(r.output()).doesNotContain("Sharing is only supported").doesNotContain("sun.misc.Unsafe");
    }

    /** The probe calls {@code Unsafe.getUnsafe()} in its bytecode, which javac only writes with the export given. */
    private static Path compileProbe(Path dir) throws Exception {
        Path source = dir.resolve("UnsafeProbe.java");
        try (InputStream in = JdkInternalsIT.class.getResourceAsStream("/probes/UnsafeProbe.java")) {
            Files.copy(in, source);
        }
        Path out = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", ForkedJvm.testClasses() + File.pathSeparator + ForkedJvm.apiJar(), source.toString());
        assertThat(rc).as("javac of the probe").isZero();
        assertThat(List.of(out.toFile().list())).contains("UnsafeProbe.class");
        return out;
    }
}
