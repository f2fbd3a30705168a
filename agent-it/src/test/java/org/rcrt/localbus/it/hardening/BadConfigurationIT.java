package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/** Garbage in every configuration key, bad sinks, the agent given twice: WARNs that name the problem, defaults used. */
class BadConfigurationIT {
    /** A value each key rejects. */
    private static final Map<String, String> GARBAGE = new LinkedHashMap<>();

    static {
        GARBAGE.put("enabled", "maybe");
        GARBAGE.put("methods", "create-Breadcrumb!");
        GARBAGE.put("include", "com.acme/*");
        GARBAGE.put("exclude", "bad glob!");
        GARBAGE.put("dispatch", "sideways");
        GARBAGE.put("queue.capacity", "-5");
        GARBAGE.put("log.level", "loud");
        GARBAGE.put("sink", "NoHashHere");
        GARBAGE.put("sink.selector", "{not json");
        GARBAGE.put("sink.owner", "any text is an owner id");
        GARBAGE.put("dedupe", "perhaps");
        GARBAGE.put("dedupe.window", "lots/forever");
        GARBAGE.put("shutdown.drain", "forever");
        GARBAGE.put("jmx", "sometimes");
    }

    /** A bad sink scope fails closed: an ERROR (sinks get no local events), where every other key WARNs. */
    private static final List<String> FAIL_CLOSED = List.of("sink.selector", "sink.owner");

    @Test
    void garbageInEveryKeyIsOneWarnPerKeyAndTheDefaultsStillWork() throws IOException {
        assertThat(GARBAGE.keySet()).as("a garbage value for every AgentConfig.Key")
                .containsExactlyInAnyOrderElementsOf(keysOfAgentConfig());
        ForkedJvm.Builder b = Hardening.withAgent("bad-config", "ConfigApp", "3");
        GARBAGE.forEach((k, v) -> b.systemProperty("rcrt.localbus." + k, v));
        b.systemProperty("rcrt.localbus.queue.capactiy", "5"); // a typo: an unknown key
        b.env("RCRT_LOCALBUS_BOGUS_SETTING", "1");
        ForkedJvm.Result r = b.run();
        Hardening.assertCleanExit(r, "DONE");
        assertThat(r.output()).as("stack traces in the output\n%s", r).doesNotContain("\tat ");

        for (Map.Entry<String, String> e : GARBAGE.entrySet()) {
            String named = "rcrt.localbus." + e.getKey() + "=" + e.getValue() + " (system property rcrt.localbus." + e.getKey() + ") is not valid";
            String level = FAIL_CLOSED.contains(e.getKey()) ? "ERROR" : "WARN";
            assertThat(Hardening.agentLines(r, level)).as("%s for %s\n%s", level, e.getKey(), r)
                    .filteredOn(l -> l.contains(named)).hasSize(1);
        }
        assertThat(Hardening.agentLines(r, "ERROR")).as(r.describe()).hasSize(FAIL_CLOSED.size());
        assertThat(Hardening.countStderr(r, "unknown configuration key rcrt.localbus.queue.capactiy=5 (system property")).isEqualTo(1);
        assertThat(Hardening.countStderr(r, "unknown configuration key RCRT_LOCALBUS_BOGUS_SETTING=1 (environment variable")).isEqualTo(1);
        assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).hasSize(GARBAGE.size() - FAIL_CLOSED.size() + 2);

        // the defaults: enabled, createBreadcrumb intercepted, async delivery, JMX on
        assertThat(r.requiredLong("RETURNED")).isEqualTo(3);
        assertThat(r.requiredLong("EVENTS")).as(r.describe()).isEqualTo(3);
        assertThat(r.required("DELIVERED_ON_CALLER_THREAD")).isEqualTo("false");
        assertThat(r.required("SHARED")).isEqualTo("true");
        assertThat(r.required("MBEAN")).isEqualTo("true");
        assertThat(r.stderr()).contains("dispatch=async");
    }

    @Test
    void anUnknownSinkClassIsNamedInAWarnAndEventsStillFlow() {
        ForkedJvm.Result r = Hardening.withAgent("unknown-sink", "ConfigApp", "3")
                .systemProperty("rcrt.localbus.sink", "com.example.hardening.NoSuchBridge#handleEvent")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(Hardening.countStderr(r, "WARN [rcrt-localbus] sink class com.example.hardening.NoSuchBridge is not on the application class path"))
                .as(r.describe()).isEqualTo(1);
        assertThat(r.requiredLong("EVENTS")).isEqualTo(3);
    }

    @Test
    void aSinkMethodWithAnUnsupportedSignatureIsNamedInAWarnAndNeverCalled() {
        ForkedJvm.Result r = Hardening.withAgent("int-sink", "ConfigApp", "3", "intSink")
                .systemProperty("rcrt.localbus.sink", "com.example.hardening.IntSink#handleEvent")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        List<String> warns = r.stderrLinesContaining("sink com.example.hardening.IntSink#handleEvent is not used");
        assertThat(warns).as(r.describe()).hasSize(1);
        assertThat(warns.get(0)).contains("WARN").contains("int").contains("not supported");
        assertThat(r.requiredLong("INT_SINK_CALLS")).isZero();
        assertThat(r.requiredLong("SINK_INSTANCES")).isZero();
        assertThat(r.requiredLong("EVENTS")).isEqualTo(3);
    }

    @Test
    void theAgentGivenTwiceInstallsOnceAndEmitsOneEventPerCall() {
        ForkedJvm.Result r = Hardening.withAgent("agent-twice", "ConfigApp", "5")
                .javaagent(ForkedJvm.agentJar())
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(Hardening.countStderr(r, "already installed")).as(r.describe()).isEqualTo(1);
        assertThat(Hardening.countStderr(r, "started: methods=")).isEqualTo(1);
        assertThat(r.requiredLong("EVENTS")).isEqualTo(5);
        assertThat(r.requiredLong("PUBLISHED")).isEqualTo(5);
    }

    /** The keys AgentConfig.Key declares, read from its source so that a new key makes this test ask for garbage. */
    private static List<String> keysOfAgentConfig() throws IOException {
        Path source = Paths.get("..", "agent", "src", "main", "java", "org", "rcrt", "localbus", "agent", "config", "AgentConfig.java");
        String text = Files.readString(source);
        String body = text.substring(text.indexOf("enum Key {"), text.indexOf("public final String name;"));
        Matcher m = Pattern.compile("\\b[A-Z_]+\\(\"([a-z.\\-]+)\"").matcher(body);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).as("keys parsed from %s", source).isNotEmpty();
        return keys;
    }
}
