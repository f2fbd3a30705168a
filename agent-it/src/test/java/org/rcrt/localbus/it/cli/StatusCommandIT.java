package org.rcrt.localbus.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * {@code java -jar rcrt-localbus-agent.jar status <pid>} against real forked JVMs: one running the agent after known
 * work (its figures must be the work's), one without the agent (one line, exit code 1).
 */
class StatusCommandIT {
    private static final Duration READY = Duration.ofSeconds(60);

    static ForkedJvm.Builder app(String name) {
        return ForkedJvm.builder(name).jvmArgs("-Xmx256m").classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass("com.example.cli.StatusApp", "7", "3").timeout(Duration.ofMinutes(2));
    }

    static ForkedJvm.Builder status(String name, String... args) {
        return ForkedJvm.builder(name).jar(ForkedJvm.agentJar(), args).timeout(Duration.ofMinutes(1));
    }

    @Test
    void statusShowsTheVersionConfigurationFiguresAndProblemsOfTheAgentInARunningJvm() {
        try (ForkedJvm.Running app = app("status-app").javaagent(ForkedJvm.agentJar())
                .systemProperty("rcrt.localbus.queue.capacity", "500")
                .systemProperty("rcrt.localbus.dispatch", "fast")
                .start()) {
            app.awaitStdout("^READY=true", READY);
            String out = app.stdoutSoFar();
            assertThat(out).contains("WORK_DONE=true");
            long published = value(out, "STATS_Published");
            assertThat(published).isEqualTo(10);

            ForkedJvm.Result r = status("status", "status", String.valueOf(app.pid())).run();
            assertThat(r.exitCode()).as(r.describe()).isZero();
            String s = r.output();
            assertThat(r.stdoutLines().get(0)).matches("rcrt-localbus-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? in JVM " + app.pid());
            assertThat(s).containsPattern("\n  rcrt\\.localbus\\.queue\\.capacity +500 \\(system property rcrt\\.localbus\\.queue\\.capacity\\)\n")
                    .containsPattern("\n  rcrt\\.localbus\\.dispatch +async \\(default\\)\n")
                    .containsPattern("\n  rcrt\\.localbus\\.methods +createBreadcrumb,updateBreadcrumb \\(default\\)\n")
                    .containsPattern("\n  classes instrumented +[1-9]\\d*\n")
                    .containsPattern("\n  intercepted calls +" + value(out, "INTERCEPTED") + "\n")
                    .containsPattern("\n  intercepted calls +10\n")
                    .containsPattern("\n  published +" + published + "\n")
                    .containsPattern("\n  delivered +" + value(out, "STATS_Delivered") + "\n")
                    .containsPattern("\n  listener errors +" + value(out, "STATS_ListenerErrors") + "\n")
                    .containsPattern("\n  listener errors +10\n")
                    .containsPattern("\n  dropped +0\n")
                    .contains("subscriptions and sinks (2)")
                    .containsPattern("\n  counting .* delivered=10 dropped=0 errors=0 duplicates=0\n")
                    .containsPattern("\n  throwing .* delivered=0 dropped=0 errors=10 duplicates=0\n")
                    .containsPattern("last problems \\(2\\)\n  \\S+ WARN \\[rcrt-localbus\\] rcrt\\.localbus\\.dispatch=fast .*\n"
                            + "  \\S+ WARN \\[rcrt-localbus\\] listener of 'throwing' threw java.lang.IllegalStateException");
            assertThat(r.stderr()).as(r.describe()).isEmpty();
            app.sendLine("");
        }
    }

    @Test
    void watchRefreshesEverySecondUntilStopped() throws InterruptedException {
        try (ForkedJvm.Running app = app("status-watch-app").javaagent(ForkedJvm.agentJar()).start()) {
            app.awaitStdout("^READY=true", READY);
            try (ForkedJvm.Running watch = status("status-watch", "status", String.valueOf(app.pid()), "--watch").start()) {
                watch.awaitStdout("^rcrt-localbus-agent .* in JVM " + app.pid(), READY);
                long deadline = System.nanoTime() + READY.toNanos();
                while (countReports(watch.stdoutSoFar(), app.pid()) < 3 && System.nanoTime() < deadline && watch.isAlive()) {
                    Thread.sleep(100);
                }
                assertThat(countReports(watch.stdoutSoFar(), app.pid())).as(watch.stdoutSoFar()).isGreaterThanOrEqualTo(3);
                assertThat(watch.isAlive()).as("it watches until stopped").isTrue();
            }
            app.sendLine("");
        }
    }

    /**
     * Issue 12's idle target: after the JVM's first minute the agent's MBean registration stops looking every second
     * (its thread is not woken at all for ten seconds, counted by the kernel), and {@code status} still answers at
     * once, as it asks for the registration instead of waiting for that look. Linux only: it reads {@code /proc}.
     */
    @Test
    void anIdleAgentIsNotWokenAfterItsFirstMinuteAndStatusStillAnswers() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Paths.get("/proc/self/task")), "needs Linux's /proc");
        try (ForkedJvm.Running app = app("status-idle-app").javaagent(ForkedJvm.agentJar()).start()) {
            app.awaitStdout("^READY=true", READY);
            Instant started = ProcessHandle.of(app.pid()).flatMap(h -> h.info().startInstant()).orElseThrow();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plusSeconds(62)).toMillis()));
            long before = registrationThreadWakeUps(app.pid());
            Thread.sleep(10_000);
            long after = registrationThreadWakeUps(app.pid());
            assertThat(after - before).as("wake-ups of the MBean registration thread in 10 s after the first minute")
                    .isZero();

            ForkedJvm.Result r = status("status-idle", "status", String.valueOf(app.pid())).run();
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdoutLines().get(0)).matches("rcrt-localbus-agent \\S+ in JVM " + app.pid());
            app.sendLine("");
        }
    }

    /** The voluntary context switches of the thread {@code rcrt-localbus-jmx} (its kernel name is cut to 15). */
    private static long registrationThreadWakeUps(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Paths.get("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).strip().equals("rcrt-localbus-j")) {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                }
            }
        }
        throw new AssertionError("no thread rcrt-localbus-jmx in JVM " + pid);
    }

    @Test
    void aJvmWithoutTheAgentIsOneLineAndExitCodeOne() {
        try (ForkedJvm.Running app = app("status-plain-app").start()) {
            app.awaitStdout("^READY=true", READY);
            ForkedJvm.Result r = status("status-plain", "status", String.valueOf(app.pid())).run();
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
            assertThat(r.stdoutLines()).as(r.describe()).containsExactly("JVM " + app.pid()
                    + " has no rcrt-localbus agent (no MBean org.rcrt.localbus:type=LocalEventBus;"
                    + " an agent started with rcrt.localbus.jmx=false has none either)");
            app.sendLine("");
        }
    }

    private static long countReports(String out, long pid) {
        return out.lines().filter(l -> l.matches("rcrt-localbus-agent .* in JVM " + pid)).count();
    }

    private static long value(String out, String key) {
        return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> Long.parseLong(l.substring(key.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(key + " missing in\n" + out));
    }
}
