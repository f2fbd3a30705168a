package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.example.clients.ClientMain;
import com.example.clients.Tokens;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.internal.Json;

/**
 * What the integration tests share: an RCRT stand-in over HTTP, a forked JVM running {@link ClientMain} with the
 * real agent jar, and the reading of what that JVM printed.
 */
final class AgentHarness {
    static final long TIMEOUT_SECONDS = 10;
    private static final long FORK_TIMEOUT_SECONDS = 120;
    private static final Pattern LABEL = Pattern.compile("\"label\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    /** The SSE payload's fields, in the stream's order. */
    static final List<String> SSE_FIELDS =
            List.of("type", "breadcrumb_id", "owner_id", "version", "tags", "schema_name", "updated_at", "context");

    private AgentHarness() {}

    static Path agentJar() {
        return existing("agent.jar");
    }

    static Path apiJar() {
        return existing("api.jar");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by failsafe)", property).isNotBlank();
        Path p = Path.of(value);
        assertThat(p).as(property).isRegularFile();
        return p;
    }

    static Path testClasses() {
        try {
            return Path.of(ClientMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // =====================================================================================================
    // The RCRT stand-in
    // =====================================================================================================

    /** One request the stand-in answered, for the run that sent it; header names are case-insensitive. */
    record Served(String method, String url, int status, String label, String responseId, Map<String, String> headers) {}

    /**
     * An HTTP stand-in answering like RCRT: {@code POST /breadcrumbs} gives {@code 200 {"id": <new uuid>}}, or 409
     * for {@code Idempotency-Key: dup}, or 500 for {@code X-Mode: fail} ({@code X-Mode: slow} answers 200 after a
     * second); {@code PATCH /breadcrumbs/{id}} gives {@code 200 {"ok":true}}; a call without a bearer token gets 401.
     * Every request is journaled, before its answer is sent, by the {@code X-Run} header of the child that made it.
     *
     * <p>It is the JDK's own HTTP server, not WireMock: with this module's dependencies WireMock cannot start (its
     * jackson-annotations 2.20 does not fit the jackson-databind 2.22.3 the parent pom pins).
     */
    static final class RcrtStub implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService workers;
        private final List<Served> journal = new CopyOnWriteArrayList<>();

        private RcrtStub(HttpServer server, ExecutorService workers) {
            this.server = server;
            this.workers = workers;
        }

        static RcrtStub start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "rcrt-stub");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(workers);
            RcrtStub stub = new RcrtStub(server, workers);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));

                int status;
                String answer;
                String auth = headers.getOrDefault("Authorization", "");
                if (!auth.startsWith("Bearer ") || auth.length() <= 7) {
                    status = 401;
                    answer = "{\"error\":\"unauthorized\"}";
                } else if (method.equals("POST") && path.equals("/breadcrumbs")) {
                    String mode = headers.getOrDefault("X-Mode", "");
                    if ("dup".equals(headers.get("Idempotency-Key"))) {
                        status = 409;
                        answer = "{\"error\":\"Idempotency-Key already used\"}";
                    } else if (mode.equals("fail")) {
                        status = 500;
                        answer = "{\"error\":\"internal\"}";
                    } else {
                        if (mode.equals("slow")) {
                            sleep(1000);
                        }
                        status = 200;
                        answer = "{\"id\":\"" + UUID.randomUUID() + "\"}";
                    }
                } else if (method.equals("PATCH") && path.matches("/breadcrumbs/[^/]+")) {
                    status = 200;
                    answer = "{\"ok\":true}";
                } else {
                    status = 404;
                    answer = "{\"error\":\"not found\"}";
                }
                String run = headers.get("X-Run");
                if (run != null) {
                    journal.add(new Served(method, exchange.getRequestURI().toString(), status, first(LABEL, body),
                            first(ID, answer), headers));
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }

        /** What was served for this run, waiting (up to the timeout) until there are at least {@code atLeast}. */
        List<Served> served(String run, int atLeast) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                List<Served> out = journal.stream().filter(s -> run.equals(s.headers().get("X-Run"))).toList();
                if (out.size() >= atLeast || System.nanoTime() > deadline) {
                    return out;
                }
                sleep(20);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    /**
     * Whether a class-load log entry ({@code name source: ...}) is a part of the agent beyond its launcher: the hook,
     * the api defined into the bootstrap loader, the relocated Byte Buddy, the installer and the rest of impl.jar.
     */
    static boolean agentBeyondLauncher(String entry) {
        String name = entry.split(" ", 2)[0];
        if (name.startsWith("org.rcrt.localbus.agent.launcher.")) {
            return false;
        }
        return name.startsWith("org.rcrt.localbus.agent.") || name.startsWith("org.rcrt.localbus.bootstrap.")
                || name.startsWith("org.rcrt.localbus.shaded.") || entry.contains("impl.jar")
                || name.startsWith("org.rcrt.localbus.") && entry.contains("__JVM_DefineClass__");
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // =====================================================================================================
    // The forked application
    // =====================================================================================================

    /** How to start the child JVM. */
    static final class Fork {
        private final List<String> agents = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String mode = "basic";
        private String mainClass = ClientMain.class.getName();
        private boolean expectEvents = true;

        private Fork() {}

        /** {@code -javaagent:<the real agent jar>}. */
        static Fork withAgent() {
            Fork f = new Fork();
            f.agents.add("-javaagent:" + agentJar());
            return f;
        }

        /** {@code -javaagent:<jar>=<args>}. */
        static Fork withAgent(String agentArgs) {
            Fork f = new Fork();
            f.agents.add("-javaagent:" + agentJar() + "=" + agentArgs);
            return f;
        }

        /** The same jar a second time on the command line. */
        Fork andTheAgentAgain() {
            agents.add("-javaagent:" + agentJar());
            return this;
        }

        Fork systemProperty(String name, String value) {
            jvmArgs.add("-D" + name + "=" + value);
            return this;
        }

        Fork env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Every client shape (the default is the plain client only). */
        Fork allClients() {
            mode = "all";
            return this;
        }

        /** Another main than {@link ClientMain}, from the test classes; it gets the same arguments. */
        Fork main(Class<?> main) {
            mainClass = main.getName();
            return this;
        }

        /** The child won't wait for the barrier's event (for runs where the agent is off). */
        Fork expectingNoEvents() {
            expectEvents = false;
            return this;
        }

        Run run(RcrtStub stub) throws IOException, InterruptedException {
            String runId = UUID.randomUUID().toString().substring(0, 8);
            Path dir = Files.createTempDirectory("agent-it-" + runId + "-");
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            Path classLoads = dir.resolve("class-load.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xlog:class+load=info:file=" + classLoads);
            command.addAll(jvmArgs);
            command.addAll(agents);
            command.add("-cp");
            command.add(testClasses() + File.pathSeparator + apiJar());
            command.add(mainClass);
            command.add(stub.baseUrl());
            command.add(runId);
            command.add(mode);
            command.add(String.valueOf(expectEvents));

            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("RCRT_LOCALBUS_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the child JVM did not finish within %d s: %s%n%s", FORK_TIMEOUT_SECONDS, command,
                        read(out) + read(err));
            }
            Run run = new Run(runId, command, p.exitValue(), lines(out), lines(err), lines(classLoads), stub);
            for (Path file : List.of(out, err, classLoads, dir)) {
                Files.deleteIfExists(file); // all of it is in the Run now, and in its describe()
            }
            return run;
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** What one child JVM printed, read. */
    static final class Run {
        final String id;
        final List<String> command;
        final int exitCode;
        final List<String> stdout;
        final List<String> stderr;
        final List<String> classLoads;
        private final RcrtStub stub;

        Run(String id, List<String> command, int exitCode, List<String> stdout, List<String> stderr,
            List<String> classLoads, RcrtStub stub) {
            this.id = id;
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.classLoads = classLoads;
            this.stub = stub;
        }

        String apiJarName() {
            return apiJar().getFileName().toString();
        }

        /** For assertion messages. */
        String describe() {
            return "\n--- command: " + String.join(" ", command) + "\n--- stdout:\n" + String.join("\n", stdout)
                    + "\n--- stderr:\n" + String.join("\n", stderr) + "\n---";
        }

        /** The rest of the first stdout line starting with {@code key + " "}, or null. */
        String value(String key) {
            for (String line : stdout) {
                if (line.startsWith(key + " ")) {
                    return line.substring(key.length() + 1);
                }
            }
            return null;
        }

        List<String> rawEvents() {
            return stdout.stream().filter(l -> l.startsWith("EVENT ")).map(l -> l.substring(6)).toList();
        }

        List<BreadcrumbEvent> events() {
            return rawEvents().stream().map(BreadcrumbEvent::fromJson).toList();
        }

        List<BreadcrumbEvent> eventsLabelled(String label) {
            return events().stream().filter(e -> label.equals(e.context().get("label"))).toList();
        }

        /** Thread name of the listener call, by "id version". */
        Map<String, String> listenerThreads() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : stdout) {
                if (line.startsWith("EVENT_THREAD ")) {
                    String[] parts = line.split(" ", 4);
                    out.put(parts[1] + " " + parts[2], parts[3]);
                }
            }
            return out;
        }

        /** The outcome the child reported for a call: "ok <id>", "failed <exception>", "cancelled true". */
        String call(String label) {
            String v = value("CALL " + label);
            assertThat(v).as("the child reported call %s%s", label, describe()).isNotNull();
            return v;
        }

        String okId(String label) {
            String v = call(label);
            assertThat(v).as("call %s succeeded%s", label, describe()).startsWith("ok ");
            return v.substring(3);
        }

        /** Calls that certainly reached the stand-in: all but cancelled ones. */
        int requestsMade() {
            return (int) stdout.stream().filter(l -> l.startsWith("CALL ") && !l.contains(" cancelled ")).count();
        }

        /** Every request of this run, once the stand-in has logged one per call. */
        List<Served> served() {
            return stub.served(id, requestsMade());
        }

        Served servedFor(String label, String method) {
            List<Served> matches = served().stream()
                    .filter(s -> label.equals(s.label()) && s.method().equals(method)).toList();
            assertThat(matches).as("requests for %s %s", method, label).hasSize(1);
            return matches.get(0);
        }

        /** Agent log lines ({@code [rcrt-localbus]}) on stderr at this level. */
        List<String> agentLines(String level) {
            return stderr.stream().filter(l -> l.contains(" " + level + " [rcrt-localbus] ")).toList();
        }

        List<String> agentLines() {
            return stderr.stream().filter(l -> l.contains("[rcrt-localbus]")).toList();
        }

        /** Loaded class names from {@code -Xlog:class+load}, with their source. */
        List<String> loadedClasses() {
            List<String> out = new ArrayList<>();
            for (String line : classLoads) {
                int tag = line.indexOf("[class,load] ");
                if (tag >= 0) {
                    out.add(line.substring(tag + "[class,load] ".length()));
                }
            }
            return out;
        }

        Map<String, Long> counters() {
            String stats = value("STATS");
            assertThat(stats).as("STATS line%s", describe()).isNotNull();
            String inner = stats.substring(stats.indexOf("counters={") + "counters={".length(), stats.lastIndexOf('}'));
            Map<String, Long> out = new LinkedHashMap<>();
            for (String kv : inner.split(", ")) {
                if (!kv.isBlank()) {
                    String[] parts = kv.split("=", 2);
                    out.put(parts[0], Long.parseLong(parts[1]));
                }
            }
            return out;
        }

        long stat(String name) {
            Matcher m = Pattern.compile("\\b" + name + "=(\\d+)").matcher(value("STATS"));
            assertThat(m.find()).as("%s in STATS", name).isTrue();
            return Long.parseLong(m.group(1));
        }

        /** The child ran to its end, exit status 0. */
        void assertFinished() {
            assertThat(exitCode).as("exit status%s", describe()).isZero();
            assertThat(stdout).as("the child's last word%s", describe()).contains("DONE");
        }

        /**
         * The create of this label succeeded and became exactly one local event, with the SSE payload's fields: type
         * {@code breadcrumb.updated}, the id RCRT answered, version 1, and tags, schema name and context from the body.
         */
        BreadcrumbEvent assertOneCreateEvent(String label) {
            return assertOneCreateEvent(label, Tokens.OWNER_ID);
        }

        /** As above, with the owner expected from the client's token ({@code null}: a client without one). */
        BreadcrumbEvent assertOneCreateEvent(String label, String expectedOwner) {
            String id = okId(label);
            Served served = servedFor(label, "POST");
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.responseId()).as("the id RCRT answered for %s", label).isEqualTo(id);

            List<BreadcrumbEvent> events = eventsLabelled(label);
            assertThat(events).as("local events of %s%s", label, describe()).hasSize(1);
            BreadcrumbEvent e = events.get(0);
            assertThat(e.type()).isEqualTo("breadcrumb.updated");
            assertThat(e.breadcrumbId()).isEqualTo(id);
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.tags()).containsExactly("it", label);
            assertThat(e.schemaName()).isEqualTo("it.call.v1");
            assertThat(e.context()).isEqualTo(Map.of("label", label, "n", 1L, "nested", Map.of("k", "v")));
            assertThat(e.ownerId()).as("owner from the client's bearer token").isEqualTo(expectedOwner);
            assertThat(Instant.parse(e.updatedAt())).isNotNull();
            return e;
        }

        /** The call failed in the application and produced no local event. */
        void assertFailedWithoutEvent(String label, int status) {
            assertThat(call(label)).as("call %s", label).startsWith("failed ");
            assertThat(servedFor(label, "POST").status()).isEqualTo(status);
            assertThat(eventsLabelled(label)).as("local events of the failed %s%s", label, describe()).isEmpty();
        }

        /** Every EVENT line is exactly the SSE payload's JSON shape. */
        void assertEventsHaveTheSsePayloadShape() {
            for (String json : rawEvents()) {
                Object parsed = Json.parse(json);
                assertThat(parsed).isInstanceOf(Map.class);
                List<String> keys = ((Map<?, ?>) parsed).keySet().stream().map(String::valueOf).toList();
                assertThat(keys).as(json).containsExactlyElementsOf(SSE_FIELDS);
            }
        }

        /** No two events for the same breadcrumb version. */
        void assertNoDuplicateEvents() {
            List<String> keys = events().stream().map(e -> e.breadcrumbId() + " v" + e.version()).toList();
            assertThat(keys).as("events%s", describe()).doesNotHaveDuplicates();
        }
    }
}
