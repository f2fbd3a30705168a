package org.rcrt.localbus.agent.interception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.config.GlobList;

class ClientClassFilterTest {
    private static final List<String> METHODS = List.of("createBreadcrumb", "updateBreadcrumb");

    /** The filter the agent would build from these include/exclude settings. */
    private static ClientClassFilter filter(List<String> methods, String include, String exclude) {
        AgentConfig c = AgentConfig.resolve(Map.of("include", include, "exclude", exclude), new Properties(), Map.of());
        GlobList in = c.include();
        GlobList out = c.exclude();
        assertThat(c.problems()).isEmpty();
        return new ClientClassFilter(methods, in, out);
    }

    private static ClientClassFilter filter(String include, String exclude) {
        return filter(METHODS, include, exclude);
    }

    private final ClientClassFilter defaults = filter("*", "");

    @ParameterizedTest
    @ValueSource(strings = {"java/lang/String", "javax/net/ssl/X", "jdk/internal/misc/Unsafe", "sun/nio/Foo",
            "com/sun/net/httpserver/HttpServer", "org/rcrt/localbus/LocalEventBus", "org/rcrt/localbus/agent/Installer",
            "org/rcrt/localbus/shaded/bytebuddy/ByteBuddy", "net/bytebuddy/ByteBuddy", "org/slf4j/Logger",
            "org/apache/http/Client", "org/springframework/web/client/RestTemplate", "com/fasterxml/jackson/X",
            "org/junit/Test", "org/eclipse/jetty/Server", "io/netty/Channel", "kotlin/Unit", "com/google/common/X",
            "okhttp3/OkHttpClient", "org/wiremock/X", "com/github/tomakehurst/wiremock/WireMockServer",
            "org/hibernate/Session", "jakarta/ws/rs/Client"})
    void neverTouchesTheJdkTheAgentOrFrameworks(String internalName) {
        assertThat(defaults.nameInScope(internalName)).isFalse();
    }

    @Test
    void applicationClassesAreInScope() {
        assertThat(defaults.nameInScope("com/example/clients/PlainClient")).isTrue();
        assertThat(defaults.nameInScope("RootPackageClient")).isTrue();
        assertThat(defaults.nameInScope("org/rcrtx/Client")).as("only the agent's own package is excluded").isTrue();
    }

    @Test
    void lambdasAreNotInScope() {
        assertThat(defaults.nameInScope("com/example/Client$$Lambda$14/0x0000000800c0b000")).isFalse();
        assertThat(defaults.nameInScope("com/example/Client$$Lambda/0x0000000800c0b000")).isFalse();
    }

    @Test
    void jdkDynamicProxiesAreInScopeDespiteTheirJdkPackage() {
        assertThat(ClientClassFilter.isProxy("jdk/proxy1/$Proxy12")).isTrue();
        assertThat(ClientClassFilter.isProxy("jdk/proxy2/$Proxy0")).isTrue();
        assertThat(ClientClassFilter.isProxy("com/sun/proxy/$Proxy3")).isTrue();
        assertThat(ClientClassFilter.isProxy("jdk/internal/Foo")).isFalse();
        assertThat(ClientClassFilter.isProxy("com/sun/proxy/NotAProxy")).isFalse();
        assertThat(defaults.nameInScope("jdk/proxy1/$Proxy12")).isTrue();
        assertThat(defaults.nameInScope("com/sun/proxy/$Proxy3")).isTrue();
        // a proxy of a package-private interface lives in that interface's package: an ordinary name
        assertThat(defaults.nameInScope("com/example/clients/$Proxy7")).isTrue();
        // whatever the globs say, the name check leaves a proxy to its interfaces
        assertThat(filter("com.acme.*", "").nameInScope("jdk/proxy1/$Proxy12")).isTrue();
    }

    @Test
    void includeAndExcludeGlobs() {
        ClientClassFilter f = filter("com.acme.*,com.example.clients.*", "com.acme.internal.*,*Test");
        assertThat(f.nameInScope("com/acme/RcrtClient")).isTrue();
        assertThat(f.nameInScope("com/example/clients/PlainClient")).isTrue();
        assertThat(f.nameInScope("com/other/RcrtClient")).isFalse();
        assertThat(f.nameInScope("com/acme/internal/RcrtClient")).isFalse();
        assertThat(f.nameInScope("com/acme/RcrtClientTest")).isFalse();
        assertThat(f.interfaceInScope("com/acme/RcrtApi")).isTrue();
        assertThat(f.interfaceInScope("com/acme/internal/X")).isFalse();
        assertThat(f.interfaceInScope("com/other/X")).isFalse();
        assertThat(f.interfaceInScope("jdk/proxy1/$Proxy2")).as("a proxy is no client interface").isFalse();
        assertThat(f.nameInScope("org/apache/X")).isFalse();
        assertThat(filter("org.apache.*", "").nameInScope("org/apache/X")).as("NEVER wins over include").isFalse();
    }

    @Test
    void classFileScanFindsDeclaredConcreteMethodsOnly() throws IOException {
        assertThat(declares(defaults, WithCreate.class)).isTrue();
        assertThat(declares(defaults, WithUpdate.class)).isTrue();
        assertThat(declares(defaults, Unrelated.class)).isFalse();
        assertThat(declares(defaults, Caller.class)).as("calls createBreadcrumb, declares none").isFalse();
        assertThat(declares(defaults, AbstractOnly.class)).as("abstract only").isFalse();
        assertThat(declares(defaults, WithConstants.class)).as("long/double constants in the pool").isTrue();
        assertThat(defaults.scan(new byte[0])).as("malformed: let the weaver decide").isEqualTo(ClassFileScan.DECLARES);
        ClientClassFilter other = filter(List.of("send"), "*", "");
        assertThat(declares(other, WithCreate.class)).isFalse();
        assertThat(declares(other, Unrelated.class)).isTrue();
    }

    @Test
    void classFileScanNoticesLambdasAndMethodReferencesImplementingAClientMethod() throws IOException {
        byte[] withLambdas = classFile(MakesLambdaClients.class);
        assertThat(defaults.scan(withLambdas)).isEqualTo(ClassFileScan.LAMBDA);
        assertThat(defaults.lambdaInterfaces(withLambdas)).containsExactly(LambdaClient.class.getName().replace('.', '/'));
        assertThat(defaults.scan(classFile(Caller.class)) & ClassFileScan.LAMBDA).isZero();
        assertThat(defaults.scan(classFile(MakesOtherLambdas.class))).as("lambdas of other methods").isZero();
        assertThat(filter(List.of("send"), "*", "").scan(withLambdas) & ClassFileScan.LAMBDA).isZero();
    }

    private static boolean declares(ClientClassFilter f, Class<?> c) throws IOException {
        return (f.scan(classFile(c)) & ClassFileScan.DECLARES) != 0;
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    static class WithCreate {
        public String createBreadcrumb(Object body) {
            return "id";
        }
    }

    static class WithUpdate {
        public void updateBreadcrumb(String id, Object patch) {}
    }

    static class Caller {
        String run(WithCreate client) {
            return client.createBreadcrumb("body");
        }
    }

    abstract static class AbstractOnly {
        abstract String createBreadcrumb(Object body);
    }

    static class WithConstants {
        static final long BIG = 123456789012L;
        double ratio = 2.5;

        long createBreadcrumb(double x) {
            return BIG + (long) (x * ratio * 3.14159265358979);
        }
    }

    interface LambdaClient {
        String createBreadcrumb(Object body);
    }

    static class MakesLambdaClients {
        LambdaClient lambda() {
            return body -> "id";
        }

        LambdaClient reference() {
            return String::valueOf;
        }
    }

    static class MakesOtherLambdas {
        java.util.function.Function<Object, String> lambda() {
            return body -> "id" + body;
        }
    }

    static class Unrelated {
        public String send(Object body) {
            return "x";
        }
    }
}
