package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * One bus across class loaders, and no class loader kept alive by the agent:
 * <ul>
 *   <li>a child-first loader (web-app / plug-in style) with its own copy of the api jar and of the client;</li>
 *   <li>Spring Boot's fat-jar launcher, with the api jar nested in {@code BOOT-INF/lib}.</li>
 * </ul>
 */
class ClassLoadersIT {

    /**
     * {@code childFirst}: the client in the child loader makes the process's very first intercepted call, so whatever
     * the agent starts lazily (its threads, its shutdown hook) is started under the child's frames.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"childFirst", "appFirst"})
    void aChildFirstCopyOfTheApiReachesTheOneBusAndItsLoaderIsCollectedAfterwards(String order) {
        ForkedJvm.Result r = Hardening.withAgent("class-loaders-" + order, "ClassLoaderApp",
                ForkedJvm.testClasses().toString(), ForkedJvm.apiJar().toString(), order).run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        // the child really has its own copies of the api and the client
        assertThat(r.required("CHILD_SIDE_LOADER")).isEqualTo("child-first");
        assertThat(r.required("CHILD_BUS_LOADER")).startsWith("com.example.hardening.ChildFirstClassLoader");
        assertThat(r.required("CHILD_CLIENT_LOADER")).startsWith("com.example.hardening.ChildFirstClassLoader");
        assertThat(r.required("APP_BUS_LOADER")).isEqualTo("null"); // the agent's bootstrap copy
        // ... and yet one bus
        assertThat(r.required("CHILD_SHARED")).isEqualTo("true");
        assertThat(r.required("APP_SHARED")).isEqualTo("true");
        assertThat(r.required("APP_SUB_GOT_CHILD_EVENT")).as(r.describe()).isEqualTo("true");
        assertThat(r.required("CHILD_SUB_GOT_APP_EVENT")).as(r.describe()).isEqualTo("true");
        assertThat(r.required("CHILD_SUB_GOT_CHILD_EVENT")).isEqualTo("true");
        assertThat(r.requiredLong("CHILD_RECEIVED")).isEqualTo(2);
        if (order.equals("appFirst")) {
            assertThat(r.required("APP_FIRST_ID_SEEN")).isEqualTo("true");
        }
        // nothing of the agent holds the closed loader
        assertThat(r.required("LOADER_COLLECTED")).as("the child loader was garbage-collected\n%s", r).isEqualTo("true");
    }

    @Test
    void aSpringBootFatJarGetsItsEventsDelivered() throws IOException {
        Path jar = buildBootJar(Paths.get("target", "hardening-boot", "boot-app.jar"));
        ForkedJvm.Result r = ForkedJvm.builder("boot-fat-jar")
                .javaagent(ForkedJvm.agentJar())
                .systemProperty("rcrt.localbus.sink", "com.example.hardening.BootSink#handleEvent")
                .jar(jar, "5")
                .run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        // a sink class in BOOT-INF/classes is on the application's path: no false WARN, and it gets its events
        assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).isEmpty();
        assertThat(r.requiredLong("SINK_CALLS")).isEqualTo(5);
        assertThat(r.required("MAIN_LOADER")).as(r.describe()).isEqualTo("org.springframework.boot.loader.launch.LaunchedClassLoader");
        assertThat(r.required("SHARED")).isEqualTo("true");
        assertThat(r.requiredLong("CREATED")).isEqualTo(5);
        assertThat(r.requiredLong("RECEIVED")).isEqualTo(5);
        assertThat(r.required("ALL_RECEIVED")).isEqualTo("true");
    }

    /**
     * A Boot 3.2+ executable jar: the loader's classes at the root, the application in {@code BOOT-INF/classes},
     * the api jar stored (uncompressed) in {@code BOOT-INF/lib}, launched by {@code JarLauncher}.
     */
    static Path buildBootJar(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path loaderJar;
        try {
            loaderJar = Paths.get(Class.forName("org.springframework.boot.loader.launch.JarLauncher")
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("spring-boot-loader is not on the test class path", e);
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", "com.example.hardening.BootMain");
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        Set<String> dirs = new LinkedHashSet<>();
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
            try (JarFile loader = new JarFile(loaderJar.toFile())) {
                for (JarEntry e : loader.stream().collect(Collectors.toList())) {
                    if (e.isDirectory() || e.getName().startsWith("META-INF/")) {
                        continue;
                    }
                    addDirs(out, dirs, e.getName());
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream in = loader.getInputStream(e)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            Path classes = ForkedJvm.testClasses();
            for (String appPackage : List.of("com/example/hardening", "com/example/support")) {
                try (Stream<Path> files = Files.list(classes.resolve(appPackage))) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList())) {
                        String name = "BOOT-INF/classes/" + classes.relativize(p).toString().replace('\\', '/');
                        addDirs(out, dirs, name);
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(p, out);
                        out.closeEntry();
                    }
                }
            }
            byte[] api = Files.readAllBytes(ForkedJvm.apiJar());
            String libName = "BOOT-INF/lib/rcrt-localbus-api.jar";
            addDirs(out, dirs, libName);
            JarEntry lib = new JarEntry(libName);
            lib.setMethod(ZipEntry.STORED);
            lib.setSize(api.length);
            lib.setCompressedSize(api.length);
            CRC32 crc = new CRC32();
            crc.update(api);
            lib.setCrc(crc.getValue());
            out.putNextEntry(lib);
            out.write(api);
            out.closeEntry();
        }
        return target;
    }

    private static void addDirs(JarOutputStream out, Set<String> written, String entryName) throws IOException {
        List<String> parts = List.of(entryName.split("/"));
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            dir.append(parts.get(i)).append('/');
            if (written.add(dir.toString())) {
                out.putNextEntry(new JarEntry(dir.toString()));
                out.closeEntry();
            }
        }
    }
}
