package org.rcrt.localbus.it.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Starts a real child JVM for a system test and captures what it says.
 *
 * <pre>{@code
 * ForkedJvm.Result r = ForkedJvm.builder("load")
 *         .javaagent(ForkedJvm.agentJar())
 *         .systemProperty("rcrt.localbus.queue.capacity", "200000")
 *         .classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
 *         .mainClass("com.example.hardening.LoadApp", "100000")
 *         .timeout(Duration.ofMinutes(2))
 *         .run();
 * assertThat(r.exitCode()).isZero();
 * }</pre>
 *
 * The command is {@code <java> [-javaagent:...]... [jvm args] [-Dk=v]... (-cp <path> <main> | -jar <jar>) args}.
 * stdout and stderr go to files under {@code target/forked/<name>-<n>/} (kept for post-mortems), stdin is a pipe
 * the test may write to. {@link #run()} waits up to the timeout and then kills the child with
 * {@code destroyForcibly}; {@link #start()} returns a {@link Running} handle for interactive tests (wait for a line,
 * write to stdin, attach to the pid...). The {@code java} binary defaults to the test JVM's own {@code java.home}.
 */
public final class ForkedJvm {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String OTHER_AGENTS = "mvn generate-test-resources -pl agent-it, with Maven Central reachable";

    private ForkedJvm() {}

    public static Builder builder(String name) {
        return new Builder(name);
    }

    // ---- locations handed over by the surefire configuration of agent-it ----

    public static Path agentJar() {
        return requiredFile("agent.jar", "agent/target/rcrt-localbus-agent.jar");
    }

    public static Path apiJar() {
        return requiredFile("api.jar", "api/target/rcrt-localbus-api.jar");
    }

    public static Path demoJar() {
        return requiredFile("demo.jar", "demo-app/target/demo-app.jar");
    }

    public static Path devserverJar() {
        return requiredFile("devserver.jar", "rcrt-devserver/target/rcrt-devserver.jar");
    }

    /** The OpenTelemetry Java agent, copied from Maven Central by agent-it's pom. */
    public static Path otelAgentJar() {
        return requiredFile("otel.agent.jar", "agent-it/target/other-agents/opentelemetry-javaagent.jar", OTHER_AGENTS);
    }

    /** The Elastic APM Java agent, copied from Maven Central by agent-it's pom. */
    public static Path elasticAgentJar() {
        return requiredFile("elastic.agent.jar", "agent-it/target/other-agents/elastic-apm-agent.jar", OTHER_AGENTS);
    }

    /** The directory (or jar) the test classes were loaded from: the child's application classes live there too. */
    public static Path testClasses() {
        try {
            return Paths.get(ForkedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The size heavy tests use: {@code -Dit.load.breadcrumbs}, else {@code defaultValue}. */
    public static int loadSize(int defaultValue) {
        String v = System.getProperty("it.load.breadcrumbs");
        if (v == null || v.isBlank() || v.startsWith("${")) {
            return defaultValue;
        }
        return Integer.parseInt(v.trim());
    }

    /** The test JVM's own Java home. */
    public static Path currentJavaHome() {
        return Paths.get(System.getProperty("java.home"));
    }

    /** The feature release (17, 21, 25...) of the JDK at {@code javaHome}, read from its {@code release} file. */
    public static int featureVersion(Path javaHome) {
        if (javaHome.toAbsolutePath().normalize().equals(currentJavaHome().toAbsolutePath().normalize())) {
            return Runtime.version().feature();
        }
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String first = v.split("[.+-]")[0];
                    return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the Java version of " + javaHome, e);
        }
        throw new IllegalStateException("no JAVA_VERSION in " + javaHome.resolve("release"));
    }

    private static Path requiredFile(String property, String fallbackFromRoot) {
        return requiredFile(property, fallbackFromRoot, "mvn install -DskipTests -pl api,agent,rcrt-devserver,demo-app -am");
    }

    private static Path requiredFile(String property, String fallbackFromRoot, String howToGetIt) {
        String v = System.getProperty(property);
        Path p = v != null && !v.isBlank() ? Paths.get(v) : Paths.get("..").resolve(fallbackFromRoot);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(property + " not found at " + p.toAbsolutePath()
                    + ": build it first (" + howToGetIt + ")");
        }
        return p.toAbsolutePath().normalize();
    }

    public static final class Builder {
        private final String name;
        private Path javaHome = currentJavaHome();
        private final List<String> agents = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<Path> classpath = new ArrayList<>();
        private String mainClass;
        private Path jar;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> envRemoved = new ArrayList<>();
        private Path workDir;
        private Path outputDir;
        private Duration timeout = Duration.ofMinutes(2);

        private Builder(String name) {
            this.name = name;
        }

        /** The JDK to run; default: the test JVM's own. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public Builder javaagent(Path agentJar) {
            return javaagent(agentJar, null);
        }

        /** Adds {@code -javaagent:<jar>[=<options>]}; may be called more than once. */
        public Builder javaagent(Path agentJar, String options) {
            agents.add("-javaagent:" + agentJar.toAbsolutePath() + (options == null || options.isEmpty() ? "" : "=" + options));
            return this;
        }

        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public Builder classpath(Path... entries) {
            classpath.addAll(List.of(entries));
            return this;
        }

        public Builder mainClass(String mainClass, String... mainArgs) {
            this.mainClass = mainClass;
            this.jar = null;
            args.clear();
            args.addAll(List.of(mainArgs));
            return this;
        }

        /** Runs {@code -jar <jar> args} instead of a main class. */
        public Builder jar(Path jar, String... mainArgs) {
            this.jar = jar;
            this.mainClass = null;
            args.clear();
            args.addAll(List.of(mainArgs));
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Removes a variable the test JVM has from the child's environment. */
        public Builder withoutEnv(String key) {
            envRemoved.add(key);
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Where stdout.txt and stderr.txt go; default {@code target/forked/<name>-<n>}. */
        public Builder outputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public List<String> command() {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java").toString());
            cmd.addAll(agents);
            cmd.addAll(jvmArgs);
            systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            if (jar != null) {
                if (!classpath.isEmpty()) {
                    throw new IllegalStateException("-jar ignores -cp: put the class path in the jar's manifest");
                }
                cmd.add("-jar");
                cmd.add(jar.toAbsolutePath().toString());
            } else {
                if (mainClass == null) {
                    throw new IllegalStateException("neither a main class nor a jar to run");
                }
                if (!classpath.isEmpty()) {
                    cmd.add("-cp");
                    cmd.add(classpath.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
                }
                cmd.add(mainClass);
            }
            cmd.addAll(args);
            return cmd;
        }

        /** Starts the child; the caller must end it ({@link Running#waitFor} or {@link Running#close}). */
        public Running start() {
            List<String> cmd = command();
            Path out = outputDir != null ? outputDir
                    : Paths.get("target", "forked", name + "-" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid());
            try {
                Files.createDirectories(out);
                Path stdout = out.resolve("stdout.txt");
                Path stderr = out.resolve("stderr.txt");
                Files.writeString(out.resolve("command.txt"), String.join(" ", cmd) + System.lineSeparator());
                ProcessBuilder pb = new ProcessBuilder(cmd)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE);
                if (workDir != null) {
                    pb.directory(workDir.toFile());
                }
                envRemoved.forEach(pb.environment()::remove);
                pb.environment().putAll(env);
                long started = System.nanoTime();
                Process p = pb.start();
                return new Running(name, cmd, p, stdout, stderr, started, timeout);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + cmd, e);
            }
        }

        /** Starts the child and waits for it, up to the timeout (then it is killed and {@code timedOut()} is true). */
        public Result run() {
            try (Running r = start()) {
                return r.waitFor(timeout);
            }
        }
    }

    /** A started child JVM. Closing it kills it if it still runs. */
    public static final class Running implements AutoCloseable {
        private final String name;
        private final List<String> command;
        private final Process process;
        private final Path stdout;
        private final Path stderr;
        private final long startedNanos;
        private final Duration defaultTimeout;

        private Running(String name, List<String> command, Process process, Path stdout, Path stderr, long startedNanos,
                        Duration defaultTimeout) {
            this.name = name;
            this.command = command;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.startedNanos = startedNanos;
            this.defaultTimeout = defaultTimeout;
        }

        public long pid() {
            return process.pid();
        }

        public Process process() {
            return process;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public String stdoutSoFar() {
            return read(stdout);
        }

        public String stderrSoFar() {
            return read(stderr);
        }

        /**
         * Waits until stdout has a line matching {@code regex} (found anywhere in the line) and returns its matcher;
         * fails when the child exits or the time is up first.
         */
        public Matcher awaitStdout(String regex, Duration timeout) {
            Pattern p = Pattern.compile(regex);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (String line : stdoutSoFar().split("\\R")) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("the child '" + name + "' exited (" + process.exitValue() + ") before printing /"
                            + regex + "/\nstdout:\n" + stdoutSoFar() + "\nstderr:\n" + stderrSoFar());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the child '" + name + "' did not print /" + regex + "/ within " + timeout
                            + "\nstdout:\n" + stdoutSoFar() + "\nstderr:\n" + stderrSoFar());
                }
                sleep(20);
            }
        }

        /** Writes a line to the child's stdin. */
        public void sendLine(String line) {
            try {
                OutputStream in = process.getOutputStream();
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Result waitFor() {
            return waitFor(defaultTimeout);
        }

        /** Waits for the exit, killing the child (and its descendants) when the time is up. */
        public Result waitFor(Duration timeout) {
            boolean timedOut = false;
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                timedOut = true;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            return new Result(name, command, timedOut ? -1 : process.exitValue(), timedOut, elapsed,
                    read(stdout), read(stderr), stdout, stderr);
        }

        private void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /** What a finished child did. */
    public record Result(String name, List<String> command, int exitCode, boolean timedOut, Duration elapsed,
                         String stdout, String stderr, Path stdoutFile, Path stderrFile) {

        public String output() {
            return stdout + stderr;
        }

        public List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\\R"));
        }

        public List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
        }

        /** Lines of stderr that contain {@code text}. */
        public List<String> stderrLinesContaining(String text) {
            return stderrLines().stream().filter(l -> l.contains(text)).collect(Collectors.toList());
        }

        /** The value of the first stdout line {@code KEY=value} (or {@code KEY value}), if any. */
        public Optional<String> value(String key) {
            for (String line : stdoutLines()) {
                if (line.startsWith(key + "=") || line.startsWith(key + " ")) {
                    return Optional.of(line.substring(key.length() + 1).trim());
                }
            }
            return Optional.empty();
        }

        /** Like {@link #value} but failing with the whole output when the key is missing. */
        public String required(String key) {
            return value(key).orElseThrow(() -> new AssertionError("the child printed no " + key + "\n" + describe()));
        }

        public long requiredLong(String key) {
            return Long.parseLong(required(key));
        }

        /** Command, exit, time and both outputs (long outputs shortened), for assertion messages. */
        public String describe() {
            return "child '" + name + "': exit=" + exitCode + (timedOut ? " (TIMED OUT, killed)" : "") + " after " + elapsed.toMillis()
                    + " ms\ncommand: " + String.join(" ", command) + "\n--- stdout (" + stdoutFile + ") ---\n" + shorten(stdout)
                    + "\n--- stderr (" + stderrFile + ") ---\n" + shorten(stderr);
        }

        private static String shorten(String s) {
            return s.length() <= 20_000 ? s : s.substring(0, 10_000) + "\n[... " + (s.length() - 20_000) + " chars ...]\n"
                    + s.substring(s.length() - 10_000);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            // A huge or half-written file: read what is decodable.
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e2) {
                throw new UncheckedIOException(e2);
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().contains("win");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
