package org.rcrt.localbus.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rcrt.localbus.Selector;

class AgentConfigTest {

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static AgentConfig args(String... kv) {
        return AgentConfig.resolve(map(kv), props(), Map.of());
    }

    /** Every typed getter, by key name, so the parameterized tests can call "the getter of this key". */
    private static final Map<String, Function<AgentConfig, Object>> GETTERS = Map.ofEntries(
            Map.entry("enabled", AgentConfig::enabled),
            Map.entry("methods", AgentConfig::methods),
            Map.entry("include", c -> c.include().toString()),
            Map.entry("exclude", c -> c.exclude().toString()),
            Map.entry("dispatch", AgentConfig::dispatch),
            Map.entry("queue.capacity", AgentConfig::queueCapacity),
            Map.entry("log.level", AgentConfig::logLevel),
            Map.entry("sink", AgentConfig::sinks),
            Map.entry("sink.selector", c -> String.valueOf(c.sinkSelector())),
            Map.entry("sink.owner", c -> String.valueOf(c.sinkOwner())),
            Map.entry("dedupe", AgentConfig::dedupe),
            Map.entry("dedupe.window", AgentConfig::dedupeWindow),
            Map.entry("shutdown.drain", AgentConfig::shutdownDrain),
            Map.entry("jmx", AgentConfig::jmx));

    @Test
    void everyKeyHasAGetterInThisTest() {
        assertThat(GETTERS.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AgentConfig.Key.values()).map(k -> k.name).toList());
    }

    @Test
    void defaultsWhenNothingIsSet() {
        AgentConfig c = args();
        assertThat(c.enabled()).isTrue();
        assertThat(c.methods()).containsExactly("createBreadcrumb", "updateBreadcrumb");
        assertThat(c.include().matchesAll()).isTrue();
        assertThat(c.exclude().toString()).isEmpty();
        assertThat(c.dispatch()).isEqualTo(AgentConfig.Dispatch.ASYNC);
        assertThat(c.queueCapacity()).isEqualTo(10_000);
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.sinks()).isEmpty();
        assertThat(c.sinkSelector()).isNull();
        assertThat(c.sinkOwner()).isNull();
        assertThat(c.dedupe()).isTrue();
        assertThat(c.dedupeWindow()).isEqualTo(new AgentConfig.DedupeWindowSpec(10_000, Duration.ofMinutes(10)));
        assertThat(c.shutdownDrain()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.jmx()).isTrue();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void agentArgumentsBeatSystemPropertiesWhichBeatTheEnvironment() {
        AgentConfig c = AgentConfig.resolve(
                map("queue.capacity", "9"),
                props("rcrt.localbus.queue.capacity", "8", "rcrt.localbus.dispatch", "sync"),
                map("RCRT_LOCALBUS_QUEUE_CAPACITY", "7", "RCRT_LOCALBUS_DISPATCH", "async",
                        "RCRT_LOCALBUS_LOG_LEVEL", "debug"));
        assertThat(c.queueCapacity()).as("agent argument over property and env").isEqualTo(9);
        assertThat(c.dispatch()).as("property over env").isEqualTo(AgentConfig.Dispatch.SYNC);
        assertThat(c.logLevel()).as("env alone").isEqualTo("debug");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void environmentVariablesUseUnderscoresForDotsAndDashes() {
        for (AgentConfig.Key key : AgentConfig.Key.values()) {
            assertThat(key.property()).isEqualTo("rcrt.localbus." + key.name);
            assertThat(key.envVar()).startsWith("RCRT_LOCALBUS_").doesNotContain(".").doesNotContain("-");
            AgentConfig c = AgentConfig.resolve(Map.of(), props(), map(key.envVar(), key.defaultValue));
            assertThat(c.problems()).as("env var %s is recognised", key.envVar()).isEmpty();
        }
        assertThat(AgentConfig.Key.QUEUE_CAPACITY.envVar()).isEqualTo("RCRT_LOCALBUS_QUEUE_CAPACITY");
        assertThat(AgentConfig.Key.DEDUPE_WINDOW.envVar()).isEqualTo("RCRT_LOCALBUS_DEDUPE_WINDOW");
        AgentConfig c = AgentConfig.resolve(Map.of(), props(), map("RCRT_LOCALBUS_SHUTDOWN_DRAIN", "250ms"));
        assertThat(c.shutdownDrain()).isEqualTo(Duration.ofMillis(250));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("enabled", "maybe"),
                Arguments.of("methods", "create-Breadcrumb"),
                Arguments.of("methods", " , "),
                Arguments.of("include", "com/acme/*"),
                Arguments.of("exclude", "com.acme.(x)"),
                Arguments.of("dispatch", "fast"),
                Arguments.of("queue.capacity", "abc"),
                Arguments.of("queue.capacity", "0"),
                Arguments.of("queue.capacity", "10000001"),
                Arguments.of("log.level", "verbose"),
                Arguments.of("sink", "com.acme.NoMethod"),
                Arguments.of("dedupe", "yes"),
                Arguments.of("dedupe.window", "0/1m"),
                Arguments.of("dedupe.window", "lots/1m"),
                Arguments.of("dedupe.window", "10/0s"),
                Arguments.of("shutdown.drain", "-1s"),
                Arguments.of("shutdown.drain", "soon"),
                Arguments.of("jmx", "1"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadAgentArgumentIsOneProblemLineAndTheDefaultIsUsed(String key, String value) {
        Function<AgentConfig, Object> getter = GETTERS.get(key);
        Object expectedDefault = getter.apply(args());

        AgentConfig c = args(key, value);
        assertThat(getter.apply(c)).isEqualTo(expectedDefault);
        assertThat(getter.apply(c)).as("a second read neither fails nor repeats the problem").isEqualTo(expectedDefault);

        assertThat(c.problems()).hasSize(1);
        String line = c.problems().get(0);
        assertThat(line).contains("rcrt.localbus." + key).contains(value).contains("agent argument " + key)
                .contains("using the default").doesNotContain("\n");
    }

    @Test
    void theProblemLineNamesTheSourceItCameFrom() {
        AgentConfig fromProperty = AgentConfig.resolve(Map.of(), props("rcrt.localbus.queue.capacity", "abc"), Map.of());
        assertThat(fromProperty.queueCapacity()).isEqualTo(10_000);
        assertThat(fromProperty.problems()).singleElement().asString()
                .contains("rcrt.localbus.queue.capacity=abc").contains("system property rcrt.localbus.queue.capacity");

        AgentConfig fromEnv = AgentConfig.resolve(Map.of(), props(), map("RCRT_LOCALBUS_QUEUE_CAPACITY", "abc"));
        assertThat(fromEnv.queueCapacity()).isEqualTo(10_000);
        assertThat(fromEnv.problems()).singleElement().asString()
                .contains("rcrt.localbus.queue.capacity=abc").contains("environment variable RCRT_LOCALBUS_QUEUE_CAPACITY");
    }

    @Test
    void aBadValueWithHigherPrecedenceFallsBackToTheDefaultNotToTheLowerSource() {
        AgentConfig c = AgentConfig.resolve(Map.of(), props("rcrt.localbus.queue.capacity", "abc"),
                map("RCRT_LOCALBUS_QUEUE_CAPACITY", "7"));
        assertThat(c.queueCapacity()).isEqualTo(10_000);
        assertThat(c.problems()).hasSize(1);
    }

    @Test
    void unknownKeysFromEachSourceAreOneProblemLineEach() {
        AgentConfig c = AgentConfig.resolve(
                map("bogus", "1", "dispatch", "sync"),
                props("rcrt.localbus.bogus2", "2", "user.home", "/home/x", "rcrt.localbusx", "3"),
                map("RCRT_LOCALBUS_BOGUS3", "3", "PATH", "/usr/bin"));
        List<String> problems = c.problems();
        assertThat(problems).hasSize(3);
        assertThat(problems).filteredOn(p -> p.contains("bogus=1")).singleElement().asString()
                .contains("agent argument bogus").contains("unknown");
        assertThat(problems).filteredOn(p -> p.contains("rcrt.localbus.bogus2=2")).singleElement().asString()
                .contains("system property rcrt.localbus.bogus2");
        assertThat(problems).filteredOn(p -> p.contains("RCRT_LOCALBUS_BOGUS3=3")).singleElement().asString()
                .contains("environment variable RCRT_LOCALBUS_BOGUS3");
        assertThat(c.dispatch()).as("known keys beside unknown ones still apply").isEqualTo(AgentConfig.Dispatch.SYNC);
        assertThat(c.problems()).hasSize(3);
    }

    @Test
    void severalBadValuesAreSeveralLines() {
        AgentConfig c = args("queue.capacity", "x", "dispatch", "y", "jmx", "z");
        c.queueCapacity();
        c.dispatch();
        c.jmx();
        assertThat(c.problems()).hasSize(3).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    }

    @Test
    void valuesAreTrimmedAndCaseInsensitiveWhereThatMakesSense() {
        AgentConfig c = args("dispatch", " SYNC ", "enabled", "FALSE", "log.level", "Debug",
                "methods", " createBreadcrumb , patchBreadcrumb ,");
        assertThat(c.dispatch()).isEqualTo(AgentConfig.Dispatch.SYNC);
        assertThat(c.enabled()).isFalse();
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.methods()).containsExactly("createBreadcrumb", "patchBreadcrumb");
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void dedupeWindowParsing() {
        assertThat(args("dedupe.window", "500/30s").dedupeWindow())
                .isEqualTo(new AgentConfig.DedupeWindowSpec(500, Duration.ofSeconds(30)));
        assertThat(args("dedupe.window", "500").dedupeWindow())
                .as("the age defaults to ten minutes").isEqualTo(new AgentConfig.DedupeWindowSpec(500, Duration.ofMinutes(10)));
        assertThat(args("dedupe.window", " 20 / 5m ").dedupeWindow())
                .isEqualTo(new AgentConfig.DedupeWindowSpec(20, Duration.ofMinutes(5)));
        assertThat(args("dedupe.window", "7/250ms").dedupeWindow())
                .isEqualTo(new AgentConfig.DedupeWindowSpec(7, Duration.ofMillis(250)));
        assertThat(args("dedupe.window", "7/2h").dedupeWindow())
                .isEqualTo(new AgentConfig.DedupeWindowSpec(7, Duration.ofHours(2)));
        assertThat(args("dedupe.window", "7/45").dedupeWindow())
                .as("a bare number is seconds").isEqualTo(new AgentConfig.DedupeWindowSpec(7, Duration.ofSeconds(45)));
        for (String bad : List.of("-5/1m", "10/", "10/abc", "/1m", "1.5/1m", "")) {
            AgentConfig c = args("dedupe.window", bad);
            assertThat(c.dedupeWindow()).as(bad).isEqualTo(new AgentConfig.DedupeWindowSpec(10_000, Duration.ofMinutes(10)));
            assertThat(c.problems()).as(bad).singleElement().asString().contains("rcrt.localbus.dedupe.window=" + bad);
        }
    }

    @Test
    void sinkParsing() {
        assertThat(args("sink", "com.acme.Sink#onEvent").sinks())
                .containsExactly(new AgentConfig.SinkSpec("com.acme.Sink", "onEvent"));
        List<AgentConfig.SinkSpec> two = args("sink", "com.acme.Sink#onEvent, com.acme.Other$Inner#handle").sinks();
        assertThat(two).containsExactly(new AgentConfig.SinkSpec("com.acme.Sink", "onEvent"),
                new AgentConfig.SinkSpec("com.acme.Other$Inner", "handle"));
        assertThat(two.get(0)).hasToString("com.acme.Sink#onEvent");
        assertThat(args("sink", "").sinks()).isEmpty();
        for (String bad : List.of("com.acme.Sink", "#onEvent", "com.acme.Sink#", "a#b#c", "com.acme.Ok#m,Bad")) {
            AgentConfig c = args("sink", bad);
            assertThat(c.sinks()).as("a bad item rejects the whole list: %s", bad).isEmpty();
            assertThat(c.problems()).as(bad).singleElement().asString().contains("rcrt.localbus.sink=" + bad);
        }
    }

    @Test
    void sinkSelectorAndOwner() {
        AgentConfig c = args("sink.selector", "{\"schema_name\":\"tool.request.v1\",\"all_tags\":[\"a\",\"b\"]}",
                "sink.owner", "aaaaaaaa-0000-0000-0000-00000000000a");
        assertThat(c.sinkSelector()).isEqualTo(Selector.builder().schemaName("tool.request.v1").allTags("a", "b").build());
        assertThat(c.sinkOwner()).isEqualTo("aaaaaaaa-0000-0000-0000-00000000000a");
        assertThat(c.problems()).isEmpty();
        assertThat(c.errors()).isEmpty();
        assertThat(c.sinksFailClosed()).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badSinkScopes")
    void aBadSinkScopeFailsClosedWithOneErrorNamingKeyAndValue(String key, String value) {
        AgentConfig c = args(key, value);
        assertThat(key.equals("sink.selector") ? c.sinkSelector() : c.sinkOwner()).isNull();
        assertThat(c.sinksFailClosed()).isTrue();
        assertThat(c.problems()).isEmpty();
        assertThat(c.errors()).singleElement().asString().contains("rcrt.localbus." + key + "=" + value)
                .contains("sinks get no local events");
    }

    static Stream<Arguments> badSinkScopes() {
        return Stream.of(
                Arguments.of("sink.selector", "{not json"),
                Arguments.of("sink.selector", "{\"bogus\":1}"),
                Arguments.of("sink.owner", "owner-1"));
    }

    @Test
    void shutdownDrainDurations() {
        assertThat(args("shutdown.drain", "500ms").shutdownDrain()).isEqualTo(Duration.ofMillis(500));
        assertThat(args("shutdown.drain", "2").shutdownDrain()).isEqualTo(Duration.ofSeconds(2));
        assertThat(args("shutdown.drain", "1m").shutdownDrain()).isEqualTo(Duration.ofMinutes(1));
    }
}
