package org.rcrt.localbus.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/** What a release needs from the build: versions in the manifests, the api's sources and javadoc, a license. */
class ReleaseArtifactsIT {
    private static String implementationVersion(Path jar) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
    }

    @Test
    void theAgentAndTheApiJarSayTheirVersionAndItIsTheOneTheAgentReports() throws Exception {
        String agent = implementationVersion(ForkedJvm.agentJar());
        assertThat(agent).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(implementationVersion(ForkedJvm.apiJar())).isEqualTo(agent);
        ForkedJvm.Result version = ForkedJvm.builder("version").jar(ForkedJvm.agentJar(), "--version").run();
        assertThat(version.stdoutLines()).containsExactly("rcrt-localbus-agent " + agent);
    }

    @Test
    void theApiHasSourcesAndJavadocOfItsPublicPackageOnly() throws Exception {
        Path api = ForkedJvm.apiJar();
        Path sources = api.resolveSibling("rcrt-localbus-api-sources.jar");
        Path javadoc = api.resolveSibling("rcrt-localbus-api-javadoc.jar");
        try (JarFile src = new JarFile(sources.toFile()); JarFile doc = new JarFile(javadoc.toFile())) {
            assertThat(src.getEntry("org/rcrt/localbus/LocalEventBus.java")).isNotNull();
            assertThat(doc.getEntry("org/rcrt/localbus/LocalEventBus.html")).isNotNull();
            assertThat(doc.stream().map(ZipEntry::getName)).noneMatch(n -> n.startsWith("org/rcrt/localbus/internal/"));
        }
    }

    @Test
    void theProjectIsApacheLicensedAndThePomsSaySo() throws Exception {
        Path root = ForkedJvm.apiJar().toAbsolutePath().getParent().getParent().getParent();
        assertThat(Files.readString(root.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(Files.readString(root.resolve("pom.xml"))).contains("<name>Apache-2.0</name>")
                .contains("https://www.apache.org/licenses/LICENSE-2.0.txt");
    }
}
