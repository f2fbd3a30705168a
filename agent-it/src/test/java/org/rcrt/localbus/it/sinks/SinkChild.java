package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * What the sink tests share: a child JVM with the agent, running a {@code com.example.sinks} main on a class path of
 * the test classes, the api jar and the application's own Jackson (the Jackson jars of this test JVM).
 */
final class SinkChild {
    static final String APP = "com.example.sinks.";
    private static final Pattern AGENT_LINE = Pattern.compile("^\\S+ (ERROR|WARN|INFO|DEBUG|TRACE) \\[rcrt-localbus\\] .*");

    private SinkChild() {}

    static ForkedJvm.Builder withAgent(String name, String main, String... args) {
        List<Path> cp = new ArrayList<>();
        cp.add(ForkedJvm.testClasses());
        cp.add(ForkedJvm.apiJar());
        cp.addAll(jacksonJars());
        return ForkedJvm.builder(name)
                .javaagent(ForkedJvm.agentJar())
                .jvmArgs("-Xmx256m")
                .classpath(cp.toArray(Path[]::new))
                .mainClass(APP + main, args)
                .timeout(Duration.ofMinutes(1));
    }

    /** The application's Jackson: the test JVM's class path entries named like Jackson. */
    static List<Path> jacksonJars() {
        Set<Path> jars = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(Pattern.quote(File.pathSeparator))) {
            if (entry.contains("jackson") && entry.endsWith(".jar") && Files.isRegularFile(Paths.get(entry))) {
                jars.add(Paths.get(entry).toAbsolutePath());
            }
        }
        if (jars.isEmpty()) { // a manifest-only class path: fall back to where the classes came from
            for (Class<?> c : List.of(com.fasterxml.jackson.databind.ObjectMapper.class,
                    com.fasterxml.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class)) {
                try {
                    jars.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot locate " + c, e);
                }
            }
        }
        return new ArrayList<>(jars);
    }

    static void assertCleanExit(ForkedJvm.Result r) {
        assertThat(r.timedOut()).as("timed out\n%s", r).isFalse();
        assertThat(r.exitCode()).as("exit code\n%s", r).isZero();
        assertThat(r.value("DONE")).as("DONE printed\n%s", r).contains("true");
    }

    static List<String> agentLines(ForkedJvm.Result r, String level) {
        return r.stderrLines().stream()
                .filter(l -> AGENT_LINE.matcher(l).matches() && l.split(" ", 3)[1].equals(level))
                .collect(Collectors.toList());
    }

    /** No WARN or ERROR of the agent and no stack trace in the child's output. */
    static void assertQuiet(ForkedJvm.Result r) {
        assertNoErrorsOrStackTraces(r);
        assertThat(agentLines(r, "WARN")).as("agent WARN lines\n%s", r).isEmpty();
    }

    static void assertNoErrorsOrStackTraces(ForkedJvm.Result r) {
        assertThat(agentLines(r, "ERROR")).as("agent ERROR lines\n%s", r).isEmpty();
        assertThat(r.output()).as("stack traces in the output\n%s", r).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }
}
