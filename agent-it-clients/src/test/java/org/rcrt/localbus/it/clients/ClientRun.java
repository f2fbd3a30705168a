package org.rcrt.localbus.it.clients;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * One client application run twice against the same RCRT stand-in, first as it is and then with the agent, each
 * in its own JVM running all of that library's cases: what both printed, and the requests each sent.
 */
record ClientRun(Observed without, Observed with, List<RcrtStandIn.Request> requestsWithout,
                 List<RcrtStandIn.Request> requestsWith) {
    /** The README's ready line for openapi-generator clients: each library's create and update method names. */
    static final String GENERATED_CLIENT_METHODS = "breadcrumbsPost:create,breadcrumbsPostWithHttpInfo:create,"
            + "breadcrumbsPostAsync:create,breadcrumbsIdPatch:update,breadcrumbsIdPatchWithHttpInfo:update,"
            + "breadcrumbsIdPatchAsync:update";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** Runs {@code mainClass} from the test class path; {@code agentSettings} adds the agent's system properties. */
    static ClientRun ofMainClass(String name, String mainClass, int expectedEvents, UnaryOperator<ForkedJvm.Builder> agentSettings) {
        return run(name, expectedEvents, agentSettings, (b, base, events) -> b.classpath(testClassPath())
                .mainClass(mainClass, base, Integer.toString(events)));
    }

    /** Runs an executable jar (the Spring Boot fat jar) with {@code --rcrt.url} and {@code --expected.events}. */
    static ClientRun ofJar(String name, Path jar, int expectedEvents, UnaryOperator<ForkedJvm.Builder> agentSettings) {
        return run(name, expectedEvents, agentSettings, (b, base, events) -> b.jar(jar, "--rcrt.url=" + base,
                "--expected.events=" + events));
    }

    private interface Launch {
        ForkedJvm.Builder apply(ForkedJvm.Builder builder, String baseUrl, int expectedEvents);
    }

    private static ClientRun run(String name, int expectedEvents, UnaryOperator<ForkedJvm.Builder> agentSettings, Launch launch) {
        try (RcrtStandIn rcrt = new RcrtStandIn()) {
            ForkedJvm.Result plain = launch.apply(ForkedJvm.builder(name + "-without-agent"), rcrt.baseUrl(), 0)
                    .timeout(TIMEOUT).run();
            List<RcrtStandIn.Request> requestsWithout = rcrt.takeRequests();
            ForkedJvm.Result agent = launch.apply(agentSettings.apply(ForkedJvm.builder(name + "-with-agent")
                    .javaagent(ForkedJvm.agentJar())), rcrt.baseUrl(), expectedEvents).timeout(TIMEOUT).run();
            List<RcrtStandIn.Request> requestsWith = rcrt.takeRequests();
            return new ClientRun(Observed.of(plain), Observed.of(agent), requestsWithout, requestsWith);
        }
    }

    /** The agent set up for an openapi-generator client: the ready configuration line. */
    static ForkedJvm.Builder generatedClient(ForkedJvm.Builder b) {
        return b.systemProperty("rcrt.localbus.methods", GENERATED_CLIENT_METHODS);
    }

    /**
     * The agent as it starts with no configuration: a Feign or Retrofit client is a JDK proxy of an interface whose
     * HTTP annotations ({@code @RequestLine("POST /breadcrumbs")}, {@code @PATCH("breadcrumbs/{id}")}) say which
     * method is a create and which an update.
     */
    static ForkedJvm.Builder annotatedInterface(ForkedJvm.Builder b) {
        return b;
    }

    /** The test class path as Surefire/Failsafe hand it to the test JVM: every generated client and its library. */
    private static Path[] testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(cp.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Paths::get)
                .toArray(Path[]::new);
    }
}
