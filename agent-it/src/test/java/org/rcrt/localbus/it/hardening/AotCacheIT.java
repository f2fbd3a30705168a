package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * A JDK 24+ AOT cache trained, created and used with the agent on the command line, as the README says (the agent
 * jar on {@code -Xbootclasspath/a} as well): no {@code [warning][aot]} line names a class of the agent, the agent
 * works in every step, and its classes come out of the cache.
 */
class AotCacheIT {
    private static final String MAIN = Hardening.APP + "NothingOnDiskApp";

    @Test
    void trainingCreatingAndUsingACacheWithTheAgentWarnsAboutNoneOfItsClasses(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 24, "AOT caches (-XX:AOTMode) need JDK 24+");
        Path appJar = appJar(dir.resolve("app.jar"));
        Path conf = dir.resolve("app.aotconf");
        Path cache = dir.resolve("app.aot");

        ForkedJvm.Result record = step("aot-record", appJar, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf);
        assertAgentWorked(record);
        assertNoAotWarningNamesTheAgent(record);

        ForkedJvm.Result create = step("aot-create", appJar, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf,
                "-XX:AOTCache=" + cache);
        assertThat(create.exitCode()).as(create.describe()).isZero();
        assertThat(cache).isRegularFile();
        assertNoAotWarningNamesTheAgent(create);

        ForkedJvm.Result use = step("aot-use", appJar, "-XX:AOTCache=" + cache, "-Xlog:class+load=info");
        assertAgentWorked(use);
        assertNoAotWarningNamesTheAgent(use);
        assertThat(use.stdoutLines()).as("the hook and the isolated agent come from the cache")
                .anyMatch(l -> l.contains(" org.rcrt.localbus.bootstrap.InterceptionHook source: shared objects file"))
                .anyMatch(l -> l.contains(" org.rcrt.localbus.agent.Installer source: shared objects file"));
    }

    /** The line the README asks for, on any JDK: the bootstrap loader then loads the api and the hook itself. */
    @Test
    void withTheAgentJarOnTheBootstrapClassPathItsClassesLoadFromThereAndTheAgentWorks(@TempDir Path dir) throws Exception {
        ForkedJvm.Result r = step("boot-path", appJar(dir.resolve("app.jar")), "-Xlog:class+load=info");
        assertAgentWorked(r);
        String agentJar = ForkedJvm.agentJar().toString();
        assertThat(r.stdoutLines()).as(r.describe())
                .anyMatch(l -> l.contains(" org.rcrt.localbus.bootstrap.InterceptionHook source: " + agentJar))
                .anyMatch(l -> l.contains(" org.rcrt.localbus.LocalEventBus source: " + agentJar))
                .noneMatch(l -> l.contains(" org.rcrt.localbus.agent.launcher.BootstrapDefiner "));
        assertThat(r.output()).doesNotContain("already installed");
    }

    private static ForkedJvm.Result step(String name, Path appJar, String... aotArgs) {
        return ForkedJvm.builder(name)
                .javaagent(ForkedJvm.agentJar())
                .jvmArgs(aotArgs)
                .jvmArgs("-Xbootclasspath/a:" + ForkedJvm.agentJar())
                .classpath(appJar, ForkedJvm.apiJar())
                .mainClass(MAIN, "5")
                .run();
    }

    private static void assertAgentWorked(ForkedJvm.Result r) {
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("ALL_RECEIVED")).as(r.describe()).isEqualTo("true");
    }

    private static void assertNoAotWarningNamesTheAgent(ForkedJvm.Result r) {
        List<String> aotWarnings = Stream.of(r.output().split("\\R"))
                .filter(l -> l.contains("[warning][aot]") || l.contains("[error][aot]"))
                .collect(Collectors.toList());
        assertThat(aotWarnings).as(r.describe()).noneMatch(l -> l.contains("org/rcrt/localbus") || l.contains("org.rcrt.localbus"));
    }

    /** An AOT cache takes jars only: the test applications' classes, jarred. */
    private static Path appJar(Path jar) throws Exception {
        Path classes = ForkedJvm.testClasses();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes.resolve("com/example"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
