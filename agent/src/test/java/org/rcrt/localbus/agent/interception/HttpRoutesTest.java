package org.rcrt.localbus.agent.interception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.event.CallKind;
import org.rcrt.localbus.agent.event.CallKinds;

/**
 * The routes read off interface class files written here with ASM, as javac writes them: each annotation family,
 * class-level paths, super-interfaces, the path rule's edge cases, and the Spring AOP proxy's exception.
 */
class HttpRoutesTest {
    private static final String CREATE = "breadcrumbsPost(Ljava/lang/Object;Ljava/lang/String;)Ljava/lang/Object;";
    private static final String UPDATE = "breadcrumbsIdPatch(Ljava/util/UUID;Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String OTHER = "other(Ljava/lang/String;)Ljava/lang/Object;";
    private static final String FEIGN = "Lfeign/RequestLine;";
    private static final String RETROFIT = "Lretrofit2/http/";
    private static final String MAPPING = "Lorg/springframework/web/bind/annotation/";
    private static final String EXCHANGE = "Lorg/springframework/web/service/annotation/";

    private final ClientClassFilter filter = filter("*", "");
    private final Map<String, byte[]> files = new HashMap<>();

    private static ClientClassFilter filter(String include, String exclude) {
        AgentConfig c = AgentConfig.resolve(Map.of("include", include, "exclude", exclude), new Properties(), Map.of());
        return new ClientClassFilter(List.of("createBreadcrumb", "updateBreadcrumb"), c.include(), c.exclude());
    }

    private static InterfaceFile.Ann ann(String descriptor, Object... attributes) {
        return new InterfaceFile.Ann(descriptor, attributes);
    }

    private Map<String, CallKind> kinds(String iface, boolean springAop) {
        Map<String, CallKind> out = new HashMap<>();
        HttpRoutes.of(iface, files::get, filter, springAop).forEach((m, r) -> out.put(m, r.kind()));
        return out;
    }

    private Map<String, CallKind> kinds(String iface) {
        return kinds(iface, false);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /breadcrumbs, CREATE",
            "POST, breadcrumbs, CREATE",
            "post, /breadcrumbs, CREATE",
            "POST, /api/v1/breadcrumbs, CREATE",
            "POST, /breadcrumbs/, CREATE",
            "POST, /breadcrumbs?dryRun={dryRun}, CREATE",
            "POST, https://rcrt.example/breadcrumbs, CREATE",
            "PATCH, /breadcrumbs/{id}, UPDATE",
            "PATCH, breadcrumbs/{id}, UPDATE",
            "PATCH, /api/v1/breadcrumbs/{breadcrumbId}/, UPDATE",
            "PATCH, /breadcrumbs/{id}?force=true, UPDATE",
            "PATCH, '/breadcrumbs/{id: [0-9a-f-]+}', UPDATE",
            "POST, /breadcrumbs/{id}, ",
            "PATCH, /breadcrumbs, ",
            "PATCH, /breadcrumbs/latest, ",
            "PATCH, /breadcrumbs/{id}/history, ",
            "POST, /breadcrumbs/{id}/history, ",
            "PATCH, /breadcrumbs/{a}{b}, ",
            "PATCH, /breadcrumbs/v{id}, ",
            "PATCH, /{id}, ",
            "POST, /agents, ",
            "POST, /mybreadcrumbs, ",
            "POST, /breadcrumbs.json, ",
            "POST, '', ",
            "GET, /breadcrumbs, ",
            "GET, /breadcrumbs/{id}, ",
            "DELETE, /breadcrumbs/{id}, ",
            "PUT, /breadcrumbs/{id}, ",
    })
    void thePathRule(String verb, String path, CallKind expected) {
        assertThat(HttpRoutes.kindOf(verb, path)).isEqualTo(expected);
    }

    @Test
    void feignRequestLines() {
        files.put("com/acme/FeignApi", new InterfaceFile("com/acme/FeignApi")
                .method(CREATE, ann(FEIGN, "value", "POST /breadcrumbs"))
                .method(UPDATE, ann(FEIGN, "value", "PATCH /breadcrumbs/{id}"))
                .method("breadcrumbsPostWithHttpInfo(Ljava/lang/Object;)Ljava/lang/Object;", ann(FEIGN, "value", "POST  /breadcrumbs HTTP/1.1"))
                .method("breadcrumbsIdGet(Ljava/util/UUID;)Ljava/lang/Object;", ann(FEIGN, "value", "GET /breadcrumbs/{id}"))
                .method("breadcrumbsIdDelete(Ljava/util/UUID;)Ljava/lang/Object;", ann(FEIGN, "value", "DELETE /breadcrumbs/{id}"))
                .method("history(Ljava/util/UUID;)Ljava/lang/Object;", ann(FEIGN, "value", "POST /breadcrumbs/{id}/history"))
                .method(OTHER, ann("Lfeign/Headers;", "value", new String[] {"Accept: application/json"}))
                .bytes());
        assertThat(kinds("com/acme/FeignApi")).containsOnly(Map.entry(CREATE, CallKind.CREATE),
                Map.entry(UPDATE, CallKind.UPDATE),
                Map.entry("breadcrumbsPostWithHttpInfo(Ljava/lang/Object;)Ljava/lang/Object;", CallKind.CREATE));
        assertThat(HttpRoutes.of("com/acme/FeignApi", files::get, filter, false).get(CREATE).because())
                .isEqualTo("POST /breadcrumbs (@RequestLine)");
    }

    @Test
    void retrofitAnnotations() {
        files.put("com/acme/RetrofitApi", new InterfaceFile("com/acme/RetrofitApi")
                .method(CREATE, ann(RETROFIT + "POST;", "value", "breadcrumbs"), ann(RETROFIT + "Headers;", "value", new String[] {"Content-Type:application/json"}))
                .method(UPDATE, ann(RETROFIT + "PATCH;", "value", "breadcrumbs/{id}"))
                .method("viaHttp(Ljava/util/UUID;)Ljava/lang/Object;", ann(RETROFIT + "HTTP;", "method", "PATCH", "path", "breadcrumbs/{id}", "hasBody", true))
                .method("get(Ljava/util/UUID;)Ljava/lang/Object;", ann(RETROFIT + "GET;", "value", "breadcrumbs/{id}"))
                .method("delete(Ljava/util/UUID;)Ljava/lang/Object;", ann(RETROFIT + "HTTP;", "method", "DELETE", "path", "breadcrumbs/{id}"))
                .method("byUrl(Ljava/lang/String;)Ljava/lang/Object;", ann(RETROFIT + "POST;"))
                .bytes());
        assertThat(kinds("com/acme/RetrofitApi")).containsOnly(Map.entry(CREATE, CallKind.CREATE),
                Map.entry(UPDATE, CallKind.UPDATE), Map.entry("viaHttp(Ljava/util/UUID;)Ljava/lang/Object;", CallKind.UPDATE));
    }

    @Test
    void jaxRsJoinsTheInterfacesPathWithTheMethods() {
        for (String pkg : List.of("Ljavax/ws/rs/", "Ljakarta/ws/rs/")) {
            String name = "com/acme/Jaxrs" + pkg.length();
            files.put(name, new InterfaceFile(name)
                    .type(ann(pkg + "Path;", "value", "/api/v1/breadcrumbs"))
                    .method(CREATE, ann(pkg + "POST;"), ann(pkg + "Consumes;", "value", new String[] {"application/json"}))
                    .method(UPDATE, ann(pkg + "PATCH;"), ann(pkg + "Path;", "value", "{id}"))
                    .method("history(Ljava/util/UUID;)Ljava/lang/Object;", ann(pkg + "POST;"), ann(pkg + "Path;", "value", "/{id}/history"))
                    .method("get(Ljava/util/UUID;)Ljava/lang/Object;", ann(pkg + "GET;"), ann(pkg + "Path;", "value", "{id}"))
                    .method("noVerb(Ljava/util/UUID;)Ljava/lang/Object;", ann(pkg + "Path;", "value", "{id}"))
                    .bytes());
            assertThat(kinds(name)).as(pkg).containsOnly(Map.entry(CREATE, CallKind.CREATE), Map.entry(UPDATE, CallKind.UPDATE));
        }
        files.put("com/acme/Rooted", new InterfaceFile("com/acme/Rooted")
                .type(ann("Ljakarta/ws/rs/Path;", "value", "/api/"))
                .method(CREATE, ann("Ljakarta/ws/rs/POST;"), ann("Ljakarta/ws/rs/Path;", "value", "/breadcrumbs"))
                .bytes());
        assertThat(kinds("com/acme/Rooted")).containsOnly(Map.entry(CREATE, CallKind.CREATE));
        assertThat(HttpRoutes.of("com/acme/Rooted", files::get, filter, false).get(CREATE).because())
                .isEqualTo("POST /api/breadcrumbs (@POST, @Path)");
    }

    @Test
    void springMappingsOnAClientInterfacesProxy() {
        files.put("com/acme/SpringApi", springMappings("com/acme/SpringApi"));
        assertThat(kinds("com/acme/SpringApi")).containsOnly(Map.entry(CREATE, CallKind.CREATE),
                Map.entry(UPDATE, CallKind.UPDATE), Map.entry(OTHER, CallKind.UPDATE));
    }

    @Test
    void springMappingsDontCountOnASpringAopProxyNorOnAController() {
        files.put("com/acme/SpringApi", springMappings("com/acme/SpringApi"));
        assertThat(kinds("com/acme/SpringApi", true)).as("a controller's interface behind an aspect").isEmpty();
        ClassWriter controller = new ClassWriter(0);
        controller.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "com/acme/BreadcrumbController", null, "java/lang/Object", null);
        MethodVisitor mv = controller.visitMethod(Opcodes.ACC_PUBLIC, "create", "(Ljava/lang/Object;)Ljava/lang/Object;", null, null);
        mv.visitAnnotation(MAPPING + "PostMapping;", true).visitEnd();
        mv.visitEnd();
        controller.visitEnd();
        files.put("com/acme/BreadcrumbController", controller.toByteArray());
        assertThat(kinds("com/acme/BreadcrumbController")).as("a class is no proxy's interface").isEmpty();
    }

    private static byte[] springMappings(String name) {
        return new InterfaceFile(name)
                .type(ann(MAPPING + "RequestMapping;", "value", new String[] {"/api"}))
                .method(CREATE, ann(MAPPING + "PostMapping;", "value", new String[] {"/breadcrumbs"}))
                .method(UPDATE, ann(MAPPING + "PatchMapping;", "path", new String[] {"/breadcrumbs/{id}"}))
                .method(OTHER, ann(MAPPING + "RequestMapping;", "method", new InterfaceFile.Verbs("PATCH"), "value", new String[] {"breadcrumbs/{id}"}))
                .method("both(Ljava/lang/Object;)Ljava/lang/Object;", ann(MAPPING + "RequestMapping;", "method", new InterfaceFile.Verbs("POST", "PATCH"), "value", new String[] {"/breadcrumbs"}))
                .method("twoPaths(Ljava/lang/Object;)Ljava/lang/Object;", ann(MAPPING + "PostMapping;", "value", new String[] {"/breadcrumbs", "/agents"}))
                .method("get(Ljava/util/UUID;)Ljava/lang/Object;", ann(MAPPING + "GetMapping;", "value", new String[] {"/breadcrumbs/{id}"}))
                .bytes();
    }

    @Test
    void springHttpInterfacesCountOnTheirSpringAopProxy() {
        files.put("com/acme/ExchangeApi", new InterfaceFile("com/acme/ExchangeApi")
                .type(ann(EXCHANGE + "HttpExchange;", "value", "/api/v1"))
                .method(CREATE, ann(EXCHANGE + "PostExchange;", "value", "/breadcrumbs"))
                .method(UPDATE, ann(EXCHANGE + "PatchExchange;", "url", "/breadcrumbs/{id}"))
                .method(OTHER, ann(EXCHANGE + "HttpExchange;", "method", "PATCH", "value", "breadcrumbs/{id}"))
                .method("get(Ljava/util/UUID;)Ljava/lang/Object;", ann(EXCHANGE + "GetExchange;", "value", "/breadcrumbs/{id}"))
                .method("delete(Ljava/util/UUID;)Ljava/lang/Object;", ann(EXCHANGE + "DeleteExchange;", "value", "/breadcrumbs/{id}"))
                .bytes());
        Map<String, CallKind> expected = Map.of(CREATE, CallKind.CREATE, UPDATE, CallKind.UPDATE, OTHER, CallKind.UPDATE);
        assertThat(kinds("com/acme/ExchangeApi", true)).isEqualTo(expected);
        assertThat(kinds("com/acme/ExchangeApi", false)).isEqualTo(expected);
    }

    @Test
    void aSuperInterfacesRoutesComeToo_OnlyFromInterfacesInScope() {
        files.put("com/acme/Base", new InterfaceFile("com/acme/Base").method(CREATE, ann(FEIGN, "value", "POST /breadcrumbs")).bytes());
        files.put("org/thirdparty/Base", new InterfaceFile("org/thirdparty/Base").method(UPDATE, ann(FEIGN, "value", "PATCH /breadcrumbs/{id}")).bytes());
        files.put("com/acme/Api", new InterfaceFile("com/acme/Api", "com/acme/Base", "org/thirdparty/Base").bytes());
        assertThat(HttpRoutes.of("com/acme/Api", files::get, filter("com.acme.*", ""), false)).containsOnlyKeys(CREATE);
        assertThat(HttpRoutes.of("com/acme/Api", files::get, filter, false)).containsOnlyKeys(CREATE, UPDATE);
    }

    @Test
    void aProxyOfAnInterfaceInScopeGetsItsRoutesFromItsClassLoadersResources() {
        files.put("com/acme/FeignApi", new InterfaceFile("com/acme/FeignApi").method(CREATE, ann(FEIGN, "value", "POST /breadcrumbs")).bytes());
        files.put("com/acme/SpringApi", springMappings("com/acme/SpringApi"));
        ClassLoader loader = new Resources(files);
        HttpRoutes routes = new HttpRoutes(filter);
        assertThat(routes.ofProxy(loader, List.of("com/acme/FeignApi"))).containsOnlyKeys(CREATE);
        assertThat(routes.ofProxy(loader, List.of("com/acme/SpringApi"))).containsOnlyKeys(CREATE, UPDATE, OTHER);
        assertThat(routes.ofProxy(loader, List.of("com/acme/SpringApi", HttpRoutes.SPRING_PROXY, "org/springframework/aop/framework/Advised")))
                .as("a Spring AOP proxy of it").isEmpty();
        assertThat(new HttpRoutes(filter("", "com.acme.*")).ofProxy(loader, List.of("com/acme/FeignApi"))).as("excluded").isEmpty();
        assertThat(routes.ofProxy(loader, List.of("com/acme/Missing"))).isEmpty();
    }

    @Test
    void routesOfAtMostSoManyInterfacesAreRemembered_FurtherOnesAreNotClassified() {
        for (int i = 0; i <= HttpRoutes.MAX_INTERFACES; i++) {
            files.put("com/acme/Api" + i, new InterfaceFile("com/acme/Api" + i).method(CREATE, ann(FEIGN, "value", "POST /breadcrumbs")).bytes());
        }
        files.put("com/acme/Plain", new InterfaceFile("com/acme/Plain").method(OTHER).bytes());
        ClassLoader loader = new Resources(files);
        HttpRoutes routes = new HttpRoutes(filter);
        assertThat(routes.ofProxy(loader, List.of("com/acme/Plain"))).as("nothing to remember").isEmpty();
        for (int i = 0; i < HttpRoutes.MAX_INTERFACES; i++) {
            assertThat(routes.ofProxy(loader, List.of("com/acme/Api" + i))).containsOnlyKeys(CREATE);
        }
        assertThat(routes.ofProxy(loader, List.of("com/acme/Api" + HttpRoutes.MAX_INTERFACES))).isEmpty();
        assertThat(routes.ofProxy(loader, List.of("com/acme/Api0"))).as("still remembered").containsOnlyKeys(CREATE);
    }

    @Test
    void learnedKindsAreBoundedAndAConfiguredNameWins() {
        CallKinds kinds = CallKinds.of(List.of("createBreadcrumb", "breadcrumbsPost:update"));
        assertThat(kinds.learn("jdk.proxy2.$Proxy9." + CREATE, CallKind.CREATE)).isTrue();
        assertThat(kinds.of("jdk.proxy2.$Proxy9." + CREATE)).as("configured").isEqualTo(CallKind.UPDATE);
        assertThat(kinds.learn("jdk.proxy2.$Proxy9." + OTHER, CallKind.UPDATE)).isTrue();
        assertThat(kinds.of("jdk.proxy2.$Proxy9." + OTHER)).as("learned").isEqualTo(CallKind.UPDATE);
        assertThat(kinds.of("jdk.proxy2.$Proxy8." + OTHER)).as("another proxy's: by its name").isEqualTo(CallKind.CREATE);
        for (int i = 2; i < CallKinds.MAX_LEARNED; i++) {
            assertThat(kinds.learn("jdk.proxy4.$Proxy" + i + "." + OTHER, CallKind.UPDATE)).isTrue();
        }
        assertThat(kinds.learn("jdk.proxy3.$Proxy1." + OTHER, CallKind.UPDATE)).as("full").isFalse();
        assertThat(kinds.learn("jdk.proxy2.$Proxy9." + OTHER, CallKind.UPDATE)).as("already known").isTrue();
    }

    @Test
    void theClassifierGivesAConfiguredNameItsConfiguredKind() {
        files.put("com/acme/FeignApi", new InterfaceFile("com/acme/FeignApi")
                .method(CREATE, ann(FEIGN, "value", "POST /breadcrumbs"))
                .method(UPDATE, ann(FEIGN, "value", "PATCH /breadcrumbs/{id}")).bytes());
        AgentConfig c = AgentConfig.resolve(Map.of("methods", "breadcrumbsIdPatch:create"), new Properties(), Map.of());
        ClientClassifier classifier = new ClientClassifier(CallKinds.of(c.methods()), c.include(), c.exclude());
        Map<String, HttpRoutes.Route> routes = classifier.routes("com/acme/FeignApi", files::get);
        assertThat(routes.get(CREATE).kind()).isEqualTo(CallKind.CREATE);
        assertThat(routes.get(UPDATE).kind()).isEqualTo(CallKind.CREATE);
        assertThat(routes.get(UPDATE).because()).isEqualTo("PATCH /breadcrumbs/{id} (@RequestLine); the kind is its configured name's");
        AgentConfig excluding = AgentConfig.resolve(Map.of("exclude", "com.acme.*"), new Properties(), Map.of());
        assertThat(new ClientClassifier(CallKinds.of(excluding.methods()), excluding.include(), excluding.exclude())
                .routes("com/acme/FeignApi", files::get)).isEmpty();
    }

    /** A proxy's class loader, as far as routes go: the interfaces' class files as resources. */
    private static final class Resources extends ClassLoader {
        private final Map<String, byte[]> files;

        Resources(Map<String, byte[]> files) {
            super(null);
            this.files = files;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = files.get(name.substring(0, name.length() - ".class".length()));
            return b == null ? null : new ByteArrayInputStream(b);
        }
    }
}
