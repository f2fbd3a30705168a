package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rcrt.localbus.it.support.ForkedJvm;

/** What the hardening tests share: child JVMs with the agent and the test "applications" on the class path. */
final class Hardening {
    static final String APP = "com.example.hardening.";
    private static final Pattern AGENT_LINE = Pattern.compile("^\\S+ (ERROR|WARN|INFO|DEBUG|TRACE) \\[rcrt-localbus\\] .*");

    private Hardening() {}

    /** A child with the agent, the test classes and the api jar, running {@code com.example.hardening.<main>}. */
    static ForkedJvm.Builder withAgent(String name, String main, String... args) {
        return plain(name, main, args).javaagent(ForkedJvm.agentJar());
    }

    /** The same child without the agent. */
    static ForkedJvm.Builder plain(String name, String main, String... args) {
        return ForkedJvm.builder(name)
                .jvmArgs("-Xmx512m")
                .classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass(APP + main, args)
                .timeout(Duration.ofMinutes(2));
    }

    /** A child without the agent, to which the test attaches it later: see {@link #attachAgent}. */
    static ForkedJvm.Builder attachable(String name, String main, String... args) {
        ForkedJvm.Builder b = plain(name, main, args);
        if (Runtime.version().feature() >= 21) {
            b.jvmArgs("-XX:+EnableDynamicAgentLoading"); // JDK 21+ warns about dynamically loaded agents otherwise
        }
        return b;
    }

    /** Waits for the child's {@code PID=} and {@code READY=true}, attaches the agent, and sends it a line to go on. */
    static void attachAgent(ForkedJvm.Running child) throws Exception {
        long pid = Long.parseLong(child.awaitStdout("^PID=(\\d+)", Duration.ofSeconds(30)).group(1));
        assertThat(pid).isEqualTo(child.pid());
        child.awaitStdout("^READY=true", Duration.ofSeconds(30));
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        try {
            vm.loadAgent(ForkedJvm.agentJar().toString());
        } finally {
            vm.detach();
        }
        child.sendLine("go");
    }

    /** Exit 0, not killed, and the app said it was done. */
    static void assertCleanExit(ForkedJvm.Result r, String doneKey) {
        assertThat(r.timedOut()).as("timed out\n%s", r).isFalse();
        assertThat(r.exitCode()).as("exit code\n%s", r).isZero();
        assertThat(r.value(doneKey)).as("%s printed\n%s", doneKey, r).contains("true");
    }

    /** stderr lines that are the agent's log lines of one level. */
    static List<String> agentLines(ForkedJvm.Result r, String level) {
        return r.stderrLines().stream()
                .filter(l -> AGENT_LINE.matcher(l).matches() && l.split(" ", 3)[1].equals(level))
                .collect(Collectors.toList());
    }

    /** How many stderr lines contain the text. */
    static long countStderr(ForkedJvm.Result r, String text) {
        return r.stderrLines().stream().filter(l -> l.contains(text)).count();
    }

    /** No ERROR from the agent and no stack trace at all in the child's output. */
    static void assertNoErrorsOrStackTraces(ForkedJvm.Result r) {
        assertThat(agentLines(r, "ERROR")).as("agent ERROR lines\n%s", r).isEmpty();
        assertThat(r.output()).as("stack traces in the output\n%s", r).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
