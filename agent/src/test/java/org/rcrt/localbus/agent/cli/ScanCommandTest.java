package org.rcrt.localbus.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.agent.interception.InterfaceFile;

/** {@code scan} on a Feign-style interface: the methods its annotations route are listed, with their kind. */
class ScanCommandTest {
    private static final String FEIGN = "Lfeign/RequestLine;";

    @TempDir
    Path dir;

    private void writeFeignApi() throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("com/acme"));
        Files.write(pkg.resolve("FeignApi.class"), new InterfaceFile("com/acme/FeignApi")
                .method("breadcrumbsPost(Ljava/util/Map;Ljava/lang/String;)Ljava/util/Map;",
                        new InterfaceFile.Ann(FEIGN, "value", "POST /breadcrumbs"))
                .method("breadcrumbsIdPatch(Ljava/util/UUID;Ljava/util/Map;Ljava/lang/String;)Ljava/util/Map;",
                        new InterfaceFile.Ann(FEIGN, "value", "PATCH /breadcrumbs/{id}"))
                .method("breadcrumbsIdGet(Ljava/util/UUID;)Ljava/util/Map;",
                        new InterfaceFile.Ann(FEIGN, "value", "GET /breadcrumbs/{id}"))
                .bytes());
    }

    @Test
    void anInterfacesRoutedMethodsAreListedWithTheirKind() throws Exception {
        writeFeignApi();
        String[] r = HelpTest.run("scan", dir.toString());
        assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
        assertThat(r[1]).contains("""
                client methods (2 intercepted, 2 supported)
                  com.acme.FeignApi#breadcrumbsPost(Map, String) returns Map
                      create (routed by POST /breadcrumbs (@RequestLine), in the interface's JDK proxies), a plain value: supported, the id is read from what it returns
                  com.acme.FeignApi#breadcrumbsIdPatch(UUID, Map, String) returns Map
                      update (routed by PATCH /breadcrumbs/{id} (@RequestLine), in the interface's JDK proxies), a plain value: supported, the id comes from the arguments
                """);
    }

    @Test
    void theJsonReportSaysWhatRoutedEachMethod() throws Exception {
        writeFeignApi();
        String[] r = HelpTest.run("scan", dir.toString(), "--json");
        assertThat(r[1]).contains("\"method\":\"breadcrumbsIdPatch\"")
                .contains("\"kind\":\"update\",\"routed_by\":\"PATCH /breadcrumbs/{id} (@RequestLine)\"")
                .doesNotContain("breadcrumbsIdGet");
    }
}
