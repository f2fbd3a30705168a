package org.rcrt.localbus.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.it.support.ForkedJvm;
import reactor.core.publisher.Mono;

/**
 * {@code java -jar rcrt-localbus-agent.jar scan ...} on real inputs — the demo's jar, a Spring Boot fat jar, a class
 * path with unsupported shapes (and a supported Mono) and a bad setting — with the exact report and exit code for each; and, for the same
 * inputs, the classes the running agent instruments are exactly the classes the scan names.
 */
class ScanCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEMO_SINK = "-Drcrt.localbus.sink=org.example.toolsrunner.EventBridge#handleEvent";

    @TempDir
    static Path tmp;
    private static Path unsupportedDir;
    private static Path reactorJar;
    private static Path bootJar;

    @BeforeAll
    static void buildTheInputs() throws Exception {
        reactorJar = Path.of(Mono.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        unsupportedDir = tmp.resolve("unsupported-classes");
        copyPackage("com/example/scan/unsupported", unsupportedDir);
        Path libClasses = tmp.resolve("lib-classes");
        copyPackage("com/example/scan/lib", libClasses);
        Path libJar = jar(tmp.resolve("scan-lib.jar"), libClasses, "");
        Path bootClasses = tmp.resolve("boot-classes");
        copyPackage("com/example/scan/boot", bootClasses);
        bootJar = tmp.resolve("boot-app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(bootJar))) {
            addTree(out, bootClasses, "BOOT-INF/classes/");
            addFile(out, "BOOT-INF/lib/scan-lib.jar", libJar);
            addFile(out, "BOOT-INF/lib/" + reactorJar.getFileName(), reactorJar);
        }
    }

    static ForkedJvm.Result scan(String name, List<String> jvmArgs, String... args) {
        return ForkedJvm.builder(name).jvmArgs(jvmArgs.toArray(String[]::new)).jar(ForkedJvm.agentJar(), args)
                .timeout(Duration.ofMinutes(2)).run();
    }

    /** The report without its first two lines (version and input path, class count), which the tests check apart. */
    static String body(ForkedJvm.Result r) {
        List<String> lines = r.stdoutLines();
        assertThat(lines.get(0)).as(r.describe()).matches("rcrt-localbus-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? scan of .*");
        return String.join("\n", lines.subList(2, lines.size())) + "\n";
    }

    @Test
    void theDemoJarHasTwoSupportedClientMethodsAndASupportedSink() {
        ForkedJvm.Result r = scan("scan-demo", List.of(DEMO_SINK), "scan", ForkedJvm.demoJar().toString());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdoutLines().get(1)).matches("  \\d+ classes read from a plain jar; intercepted method names: createBreadcrumb,updateBreadcrumb");
        assertThat(body(r)).isEqualTo("""

                client methods (2 intercepted, 2 supported)
                  org.example.toolsrunner.RcrtClient#createBreadcrumb(BreadcrumbDraft) returns CreatedBreadcrumb
                      create, a plain value: supported, the id is read from what it returns
                  org.example.toolsrunner.RcrtClient#updateBreadcrumb(String, Map, Integer) returns void
                      update, void: supported, the id comes from the arguments

                sinks (1)
                  org.example.toolsrunner.EventBridge#handleEvent
                      supported: event as JsonNode (bound by the application's Jackson), breadcrumb as JsonNode (bound by the application's Jackson)

                configuration problems (0)

                exit code 0: 2 supported client methods, no problems
                """);
    }

    @Test
    void aSpringBootFatJarIsReadFromBootInfClassesAndItsNestedJars() {
        ForkedJvm.Result r = scan("scan-boot", List.of(), "scan", bootJar.toString(),
                "--args=sink=com.example.scan.boot.BootBridge#handleEvent,com.example.scan.boot.Missing#handle");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stdoutLines().get(1)).as(r.describe())
                .matches("  \\d+ classes read from a Spring Boot fat jar \\(2 jars in BOOT-INF/lib/\\); intercepted method names: createBreadcrumb,updateBreadcrumb");
        assertThat(body(r)).as(r.describe()).isEqualTo("""

                client methods (3 intercepted, 3 supported)
                  com.example.scan.boot.BootClient#createBreadcrumb(Map) returns String
                      create, a plain value: supported, the id is read from what it returns
                  com.example.scan.boot.BootClient#updateBreadcrumb(String, Map, long) returns CompletableFuture
                      update, a CompletionStage: supported, the event follows when it completes normally
                  com.example.scan.lib.LibClient#createBreadcrumb(Map) returns Map  [BOOT-INF/lib/scan-lib.jar]
                      create, a plain value: supported, the id is read from what it returns

                sinks (2)
                  com.example.scan.boot.BootBridge#handleEvent
                      supported: event as String (JSON text)
                  com.example.scan.boot.Missing#handle
                      the class com.example.scan.boot.Missing is not among the scanned classes

                configuration problems (1)
                  rcrt.localbus.sink com.example.scan.boot.Missing#handle: the class com.example.scan.boot.Missing is not among the scanned classes

                exit code 1: configuration problems
                """);
    }

    @Test
    void aClassPathWithUnsupportedShapesAndABadSettingIsExitCodeOneWithTheReasons() {
        String classPath = unsupportedDir + File.pathSeparator + reactorJar;
        ForkedJvm.Result r = scan("scan-unsupported", List.of(), "scan", classPath, "--args=dispatch=fast");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stdoutLines().get(1)).as(r.describe())
                .matches("  \\d+ classes read from a directory, a plain jar; intercepted method names: createBreadcrumb,updateBreadcrumb");
        assertThat(body(r)).as(r.describe()).isEqualTo("""

                client methods (3 intercepted, 1 supported)
                  com.example.scan.unsupported.CallbackClient#createBreadcrumb(Map, ResultCallback) returns void
                      create, a callback parameter: unsupported: the outcome goes to a callback without onSuccess/onResponse, which the agent can't follow
                  com.example.scan.unsupported.FireAndForgetClient#createBreadcrumb(Map) returns void
                      create, void: unsupported: it returns nothing, so no id; no event (one WARN at run time)
                  com.example.scan.unsupported.ReactiveClient#createBreadcrumb(Map) returns Mono
                      create, a Reactor publisher: supported, the event comes with each value the application's own subscription receives

                sinks (0)

                configuration problems (1)
                  rcrt.localbus.dispatch=fast (agent argument dispatch) is not valid: expected async or sync (No enum constant org.rcrt.localbus.agent.config.AgentConfig.Dispatch.FAST); using the default async

                exit code 1: configuration problems
                """);
    }

    @Test
    void theScanNamesExactlyTheClassesTheRunningAgentInstruments() throws Exception {
        for (String input : List.of(ForkedJvm.demoJar().toString(), unsupportedDir + File.pathSeparator + reactorJar)) {
            ForkedJvm.Result scan = scan("scan-json", List.of(DEMO_SINK), "scan", input, "--json");
            JsonNode report = JSON.readTree(scan.stdoutLines().get(0));
            Set<String> scanned = new TreeSet<>();
            report.path("client_methods").forEach(m -> scanned.add(m.path("class").asText()));
            assertThat(scanned).as(scan.describe()).isNotEmpty();

            Path names = tmp.resolve("classes-" + scanned.hashCode() + ".txt");
            Files.write(names, classNames(input));
            ForkedJvm.Result run = ForkedJvm.builder("scan-agrees").javaagent(ForkedJvm.agentJar())
                    .systemProperty("rcrt.localbus.log.level", "debug")
                    .systemProperty("rcrt.localbus.sink", "org.example.toolsrunner.EventBridge#handleEvent")
                    .classpath(Path.of(input.split(File.pathSeparator)[0]), reactorJar, ForkedJvm.testClasses())
                    .mainClass("com.example.scan.LoadAll", names.toString()).timeout(Duration.ofMinutes(2)).run();
            assertThat(run.exitCode()).as(run.describe()).isZero();
            Set<String> instrumented = run.stderrLines().stream()
                    .filter(l -> l.contains("[rcrt-localbus] instrumented "))
                    .map(l -> l.substring(l.indexOf("instrumented ") + "instrumented ".length()).trim().replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(instrumented).as(run.describe()).isEqualTo(scanned);
        }
    }

    private static List<String> classNames(String classPath) throws IOException {
        List<String> names = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> names.add(toName(p.relativize(f).toString().replace(File.separatorChar, '/'))));
                }
            } else {
                try (ZipFile zip = new ZipFile(p.toFile())) {
                    zip.stream().map(ZipEntry::getName)
                            .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                            .forEach(n -> names.add(toName(n)));
                }
            }
        }
        return names;
    }

    private static String toName(String file) {
        return file.substring(0, file.length() - ".class".length()).replace('/', '.');
    }

    private static void copyPackage(String packagePath, Path root) throws IOException {
        Path from = ForkedJvm.testClasses().resolve(packagePath);
        Path to = Files.createDirectories(root.resolve(packagePath));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static Path jar(Path jar, Path classes, String prefix) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            addTree(out, classes, prefix);
        }
        return jar;
    }

    private static void addTree(JarOutputStream out, Path root, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                addFile(out, prefix + root.relativize(f).toString().replace(File.separatorChar, '/'), f);
            }
        }
    }

    private static void addFile(JarOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new JarEntry(name));
        Files.copy(file, (OutputStream) out);
        out.closeEntry();
    }
}
