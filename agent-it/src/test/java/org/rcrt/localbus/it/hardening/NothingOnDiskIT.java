package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.it.support.ForkedJvm;

/** The agent starts from its own jar in place: it writes no file and needs no random numbers to start. */
class NothingOnDiskIT {

    @Test
    void aRunWithTheAgentWritesNoFileAndTheAgentWorks(@TempDir Path tmp, @TempDir Path cwd) throws Exception {
        ForkedJvm.Result r = Hardening.withAgent("nothing-on-disk", "NothingOnDiskApp", "20")
                .systemProperty("java.io.tmpdir", tmp.toString())
                .workDir(cwd)
                .jvmArgs("-Xlog:class+load=info:stdout")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("ALL_RECEIVED")).as(r.describe()).isEqualTo("true");
        // while the agent runs, and after the JVM is gone (a file deleted on exit is still a file written)
        assertThat(r.required("TMP_FILES")).isEqualTo("[]");
        assertThat(r.required("CWD_FILES")).isEqualTo("[]");
        assertThat(listing(tmp)).isEmpty();
        assertThat(listing(cwd)).isEmpty();
        // the agent's start (everything before main's first line) seeds no SecureRandom, opens no temp file
        List<String> beforeMain = r.stdoutLines().subList(0, r.stdoutLines().indexOf("STARTED=true"));
        assertThat(beforeMain).as("classes loaded before main").isNotEmpty()
                .noneMatch(l -> l.contains(" java.security.SecureRandom "))
                .noneMatch(l -> l.contains(" java.nio.file.TempFileHelper "));
        assertThat(beforeMain).as("the agent did start before main")
                .anyMatch(l -> l.contains(" org.rcrt.localbus.bootstrap.InterceptionHook "));
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
