package org.rcrt.localbus.it.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rcrt.devserver.DevServerConfig;
import org.rcrt.devserver.RcrtDevServer;
import org.rcrt.localbus.it.support.ForkedJvm;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared machinery of the scenario tests: ONE embedded RCRT dev server in the test JVM, and the unmodified demo
 * runner ({@code java -jar demo-app.jar}) forked against it, with the agent, with the agent disabled, or without it.
 * Every runner of a scenario uses the same owner (tenant), so they see each other's breadcrumbs; separate scenarios
 * sharing the server use separate owners, so they do not. Each runner writes {@code --summary-json}, which
 * {@link Outcome#summary()} reads back, and prints its full timeline, which {@link Outcome#timeline()} parses.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DemoRunners demo = DemoRunners.withSseDelay(Duration.ofSeconds(60));
 * ...
 * UUID owner = DemoRunners.newOwner();
 * Outcome run = demo.runner("with-agent", Agent.SINK, owner).args("--timeout=10s").start().finish();
 * assertThat(run.summary().timeouts()).as(run::describe).isZero();
 * }</pre>
 */
final class DemoRunners implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final String SINK = "org.example.toolsrunner.EventBridge#handleEvent";
    static final String LANE_IN_PROCESS = "in-process";
    static final String LANE_SSE = "sse";

    /** Upper bound for one forked runner; scenarios end far sooner (a hung child is killed, and the test fails). */
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(90);
    /** Serving runners are stopped by the test; this only bounds them if the test JVM dies first. */
    private static final String SERVE_CAP = "--serve-for=120s";
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** How the agent is (or is not) on the runner's command line. */
    enum Agent {
        /** {@code java -jar demo-app.jar ...}: the runner as it is. */
        NONE,
        /** {@code -javaagent:agent.jar -Drcrt.localbus.sink=...EventBridge#handleEvent}. */
        SINK,
        /** The same as {@link #SINK} plus {@code -Drcrt.localbus.enabled=false}. */
        DISABLED
    }

    private final Duration initialSseDelay;
    private final List<Runner> runners = Collections.synchronizedList(new ArrayList<>());
    private RcrtDevServer server;

    private DemoRunners(Duration initialSseDelay) {
        this.initialSseDelay = initialSseDelay;
    }

    /** One dev server per test class: {@code @RegisterExtension static final DemoRunners demo = withSseDelay(...)}. */
    static DemoRunners withSseDelay(Duration sseDelay) {
        return new DemoRunners(sseDelay);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            server = RcrtDevServer.start(DevServerConfig.defaults().withSseDelay(initialSseDelay));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the RCRT dev server", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** A fresh tenant: runners of one scenario share it, other scenarios cannot see it. */
    static UUID newOwner() {
        return UUID.randomUUID();
    }

    URI url() {
        return server.baseUri();
    }

    RcrtDevServer server() {
        return server;
    }

    /** Applies to events published from now on. */
    void sseDelay(Duration delay) {
        server.setSseDelay(delay);
    }

    /** A demo runner to be started against this server as {@code owner}; add its options with {@link Spec#args}. */
    Spec runner(String name, Agent agent, UUID owner) {
        return new Spec(name, agent, owner);
    }

    /** Kills runners still alive (a failed test), then stops the server. */
    @Override
    public void close() {
        synchronized (runners) {
            runners.forEach(Runner::kill);
        }
        if (server != null) {
            server.close();
        }
    }

    /** Sleeps; scenarios use it to let late SSE copies arrive before they stop a serving runner. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    final class Spec {
        private final String name;
        private final Agent agent;
        private final UUID owner;
        private final List<String> args = new ArrayList<>();

        private Spec(String name, Agent agent, UUID owner) {
            this.name = name;
            this.agent = agent;
            this.owner = owner;
        }

        /** Demo options ({@code --role=tools}, {@code --timeout=3s}...); the server, owner, label, summary file are set here. */
        Spec args(String... options) {
            args.addAll(List.of(options));
            return this;
        }

        /**
         * A runner that serves until the test stops it ({@link Runner#stop}): {@code --serve-for} with a cap, so that
         * a {@code --role=all} runner does not end after its own workflows.
         */
        Spec serving() {
            return args(SERVE_CAP);
        }

        Runner start() {
            Path dir = Paths.get("target", "forked", "scenario-" + name + "-" + COUNTER.incrementAndGet() + "-"
                    + ProcessHandle.current().pid()).toAbsolutePath();
            Path summary = dir.resolve("summary.json");
            try {
                Files.createDirectories(dir);
                Files.deleteIfExists(summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> all = new ArrayList<>();
            all.add("--rcrt-url=" + url());
            all.add("--owner-id=" + owner);
            all.add("--label=" + name);
            all.add("--summary-json=" + summary);
            if (args.stream().noneMatch(a -> a.startsWith("--timeline") || a.equals("--quiet"))) {
                all.add("--timeline=all");
            }
            all.addAll(args);

            ForkedJvm.Builder jvm = ForkedJvm.builder("scenario-" + name).outputDir(dir).timeout(CHILD_LIMIT);
            // The agent reads RCRT_LOCALBUS_* too: the scenario, not the environment of the build, decides.
            System.getenv().keySet().stream().filter(k -> k.startsWith("RCRT_LOCALBUS_")).forEach(jvm::withoutEnv);
            if (agent != Agent.NONE) {
                jvm.javaagent(ForkedJvm.agentJar()).systemProperty("rcrt.localbus.sink", SINK);
            }
            if (agent == Agent.DISABLED) {
                jvm.systemProperty("rcrt.localbus.enabled", "false");
            }
            jvm.jar(ForkedJvm.demoJar(), all.toArray(String[]::new));
            Runner runner = new Runner(name, jvm.start(), summary);
            runners.add(runner);
            return runner;
        }
    }

    /** A forked demo runner. */
    static final class Runner {
        private final String name;
        private final ForkedJvm.Running jvm;
        private final Path summaryFile;

        private Runner(String name, ForkedJvm.Running jvm, Path summaryFile) {
            this.name = name;
            this.jvm = jvm;
            this.summaryFile = summaryFile;
        }

        /** Waits for the runner's "SSE connected" line: from then on the server routes its events to it. */
        Runner awaitConnected() {
            jvm.awaitStdout("SSE connected", CONNECT_LIMIT);
            return this;
        }

        /** Waits for the runner to end by itself (its workflows done, or timed out). */
        Outcome finish() {
            return outcome(jvm.waitFor(CHILD_LIMIT));
        }

        /**
         * Stops a serving runner the way an operator would (SIGTERM): its shutdown hook writes the summary as it
         * stands. The exit code is then the signal's, not the runner's verdict.
         */
        Outcome stop() {
            jvm.process().destroy();
            try {
                jvm.process().waitFor(CHILD_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return outcome(jvm.waitFor(Duration.ofSeconds(10)));
        }

        private void kill() {
            jvm.close();
        }

        private Outcome outcome(ForkedJvm.Result result) {
            if (!Files.isRegularFile(summaryFile)) {
                throw new AssertionError("runner '" + name + "' wrote no summary " + summaryFile + "\n" + result.describe());
            }
            try {
                return new Outcome(result, new Summary(JSON.readTree(summaryFile.toFile())), Timeline.parse(result.stdout()));
            } catch (IOException e) {
                throw new AssertionError("runner '" + name + "' wrote an unreadable summary " + summaryFile + "\n" + result.describe(), e);
            }
        }
    }

    /** What a runner did: the process, its summary JSON and its printed timeline. */
    record Outcome(ForkedJvm.Result result, Summary summary, Timeline timeline) {
        /** For assertion messages: the summary and the whole child output. */
        String describe() {
            return "summary: " + summary.json().toPrettyString() + "\n" + result.describe();
        }
    }

    /** The runner's {@code --summary-json} (see demo-app's RunSummary#toJson). */
    record Summary(JsonNode json) {
        String role() {
            return json.path("role").asText();
        }

        int completed() {
            return json.path("workflows_completed").asInt();
        }

        int timeouts() {
            return json.path("timeouts").asInt();
        }

        int failures() {
            return json.path("failures").asInt();
        }

        List<JsonNode> workflows() {
            List<JsonNode> list = new ArrayList<>();
            json.path("workflows").forEach(list::add);
            return list;
        }

        /** Largest round trip of the completed workflows, null when none completed. */
        Double maxRoundTripMs() {
            JsonNode max = json.path("round_trip_ms").path("max");
            return max.isNumber() ? max.asDouble() : null;
        }

        int toolsExecuted() {
            return json.path("tools_executed").asInt();
        }

        int duplicateExecutions() {
            return json.path("duplicate_executions").asInt();
        }

        /** Request id to the number of times this runner's tools ran it. */
        Map<String, Integer> executionsPerRequest() {
            Map<String, Integer> map = new TreeMap<>();
            json.path("executions_per_request").properties().forEach(e -> map.put(e.getKey(), e.getValue().asInt()));
            return map;
        }

        /** {@code handleEvent} calls whose body ran, by lane. */
        long inProcess() {
            return json.path("events_per_lane").path(LANE_IN_PROCESS).asLong();
        }

        long sse() {
            return json.path("events_per_lane").path(LANE_SSE).asLong();
        }

        long sseFramesPassed() {
            return json.path("sse_frames_passed").asLong();
        }

        long sseCopiesSkipped() {
            return json.path("sse_copies_skipped").asLong();
        }

        long sseConnections() {
            return json.path("sse_connections").asLong();
        }
    }

    /**
     * The runner's timeline ({@code --timeline=all}): lines {@code +  123.4 ms  tool executed     req-ab12-1.1  via sse}.
     */
    record Timeline(List<Entry> entries) {
        private static final Pattern LINE = Pattern.compile("^\\+\\s*(-?[\\d.]+) ms  (.{17}) (.*)$");
        private static final Pattern VIA = Pattern.compile("^(\\S+)\\s+via (\\S+)");

        record Entry(double millis, String what, String detail) {
        }

        static Timeline parse(String stdout) {
            List<Entry> entries = new ArrayList<>();
            for (String line : stdout.split("\\R")) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    entries.add(new Entry(Double.parseDouble(m.group(1)), m.group(2).trim(), m.group(3).trim()));
                }
            }
            return new Timeline(List.copyOf(entries));
        }

        /** For the lines {@code what} ("tool executed", "response seen"): request id to the lanes, in order. */
        Map<String, List<String>> lanes(String what) {
            Map<String, List<String>> lanes = new LinkedHashMap<>();
            for (Entry e : entries) {
                Matcher m = VIA.matcher(e.detail());
                if (e.what().equals(what) && m.find()) {
                    lanes.computeIfAbsent(m.group(1), id -> new ArrayList<>()).add(m.group(2));
                }
            }
            return lanes;
        }

        /** Request id to the time of its first {@code what} line, in ms since the runner started. */
        Map<String, Double> firstAt(String what) {
            Map<String, Double> at = new LinkedHashMap<>();
            for (Entry e : entries) {
                if (e.what().equals(what)) {
                    at.putIfAbsent(e.detail().split("\\s+")[0], e.millis());
                }
            }
            return at;
        }
    }
}
