package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.clients.NoClientMain;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rcrt.localbus.BreadcrumbEvent;

/**
 * The agent with its defaults, in a JVM of its own, under every shape of client {@code ClientMain} has: one event per
 * successful call, none for a failed one. All assertions read one run of the child.
 */
class InterceptionIT {
    /** Every create the child makes that RCRT answers with 200 and an id. */
    private static final List<String> SUCCESSFUL_CREATES = List.of("plain-1", "plain-2", "async-ok", "proxy-public",
            "proxy-package", "overriding", "inheriting", "wrapper", "default-method", "static", "barrier");

    static final String ASM = "org.rcrt.localbus.shaded.bytebuddy.jar.asm.";

    private static AgentHarness.RcrtStub stub;
    private static AgentHarness.Run run;

    @BeforeAll
    static void runTheApplication() throws Exception {
        stub = AgentHarness.RcrtStub.start();
        run = AgentHarness.Fork.withAgent().allClients().run(stub);
    }

    @AfterAll
    static void stopTheStandIn() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void theApplicationRanToItsEnd() {
        run.assertFinished();
        assertThat(run.value("BARRIER")).isEqualTo("reached");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain-1", "plain-2", "barrier"})
    void aPlainClientsCreateIsOneEvent(String label) {
        run.assertOneCreateEvent(label);
    }

    @Test
    void aCompletableFutureCreateIsOneEventOnceItCompletes() {
        run.assertOneCreateEvent("async-ok");
    }

    @Test
    void aDynamicProxyOfAPublicInterfaceIsOneEvent() {
        run.assertOneCreateEvent("proxy-public");
    }

    @Test
    void aDynamicProxyOfAPackagePrivateInterfaceIsOneEvent() {
        run.assertOneCreateEvent("proxy-package");
    }

    @Test
    void anOverrideCallingSuperIsOneEvent() {
        run.assertOneCreateEvent("overriding");
    }

    @Test
    void aMethodInheritedFromAnAbstractBaseIsOneEvent() {
        run.assertOneCreateEvent("inheriting");
    }

    @Test
    void aWrapperAroundAnotherClientIsOneEvent() {
        run.assertOneCreateEvent("wrapper");
    }

    @Test
    void anInterfaceDefaultMethodIsOneEvent() {
        run.assertOneCreateEvent("default-method");
    }

    @Test
    void aStaticMethodIsOneEventWithoutAnOriginClient() {
        BreadcrumbEvent e = run.assertOneCreateEvent("static", null);
        assertThat(e.origin().client()).isNull();
    }

    @ParameterizedTest(name = "{0} (HTTP {1})")
    @CsvSource({"plain-500, 500", "plain-409, 409", "async-500, 500", "proxy-500, 500", "wrapper-500, 500"})
    void aFailedCallIsNoEvent(String label, int status) {
        run.assertFailedWithoutEvent(label, status);
    }

    @Test
    void aWrappersFallbackAnswerToAFailedInnerCallIsNoEvent() {
        assertThat(run.call("fallback-500")).isEqualTo("ok fallback-not-created");
        assertThat(run.servedFor("fallback-500", "POST").status()).isEqualTo(500);
        assertThat(run.eventsLabelled("fallback-500")).as(run.describe()).isEmpty();
    }

    @Test
    void aCancelledFutureIsNoEventEvenWhenTheRequestLaterSucceeds() {
        assertThat(run.call("async-cancelled")).isEqualTo("cancelled true");
        AgentHarness.Served slow = run.servedFor("async-cancelled", "POST");
        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.responseId()).isNotNull();
        assertThat(run.eventsLabelled("async-cancelled")).as(run.describe()).isEmpty();
        assertThat(run.events()).extracting(BreadcrumbEvent::breadcrumbId).doesNotContain(slow.responseId());
    }

    @Test
    void anUpdateIsOneEventWithTheIfMatchVersionPlusOne() {
        String id = run.okId("plain-1");
        assertThat(run.call("update")).isEqualTo("ok " + id);
        AgentHarness.Served patch = run.servedFor("update", "PATCH");
        assertThat(patch.url()).isEqualTo("/breadcrumbs/" + id);
        assertThat(patch.headers()).containsEntry("If-Match", "\"3\"");
        assertThat(patch.status()).isEqualTo(200);

        List<BreadcrumbEvent> events = run.eventsLabelled("update");
        assertThat(events).as(run.describe()).hasSize(1);
        BreadcrumbEvent e = events.get(0);
        assertThat(e.type()).isEqualTo("breadcrumb.updated");
        assertThat(e.breadcrumbId()).isEqualTo(id);
        assertThat(e.version()).isEqualTo(4);
        assertThat(e.tags()).containsExactly("it", "update");
        assertThat(e.context()).isEqualTo(Map.of("label", "update", "n", 1L, "nested", Map.of("k", "v")));
    }

    @Test
    void exactlyTheSuccessfulCallsBecameEventsInTheSsePayloadShape() {
        assertThat(run.events()).as(run.describe()).hasSize(SUCCESSFUL_CREATES.size() + 1);
        run.assertNoDuplicateEvents();
        run.assertEventsHaveTheSsePayloadShape();
        assertThat(run.stat("published")).isEqualTo(SUCCESSFUL_CREATES.size() + 1);
        assertThat(run.stat("delivered")).isEqualTo(SUCCESSFUL_CREATES.size() + 1);
    }

    @Test
    void asyncDispatchDeliversOnTheAgentsOwnThreads() {
        String caller = run.value("CALLER_THREAD");
        assertThat(run.listenerThreads()).hasSize(SUCCESSFUL_CREATES.size() + 1);
        assertThat(run.listenerThreads().values()).allSatisfy(thread ->
                assertThat(thread).startsWith("rcrt-localbus-").isNotEqualTo(caller));
    }

    @Test
    void theApplicationSeesTheSharedBusFedByTheAgent() {
        assertThat(run.value("SHARED")).isEqualTo("true");
        assertThat(run.value("BUS_LOADER")).as("the api is served by the bootstrap loader").isEqualTo("null");
        assertThat(run.value("HOOK_ON_BOOT")).isEqualTo("true");
        assertThat(run.value("THREADS")).contains("rcrt-localbus-worker-");
        assertThat(run.loadedClasses()).anyMatch(c -> c.startsWith("org.rcrt.localbus.bootstrap.InterceptionHook "));
        assertThat(run.loadedClasses()).as("the weaver's ASM").anyMatch(c -> c.startsWith(ASM + "ClassWriter "));
        assertThat(run.loadedClasses()).as("of Byte Buddy, only its ASM (without a sink)")
                .filteredOn(c -> c.startsWith("org.rcrt.localbus.shaded.bytebuddy."))
                .allMatch(c -> c.startsWith(ASM));
        assertThat(run.loadedClasses()).as("what DisabledIT looks for is there when the agent is on")
                .anyMatch(AgentHarness::agentBeyondLauncher);
    }

    @Test
    void withoutAClientNoWeavingMachineryIsLoaded() throws Exception {
        AgentHarness.Run plain = AgentHarness.Fork.withAgent().main(NoClientMain.class).expectingNoEvents().run(stub);
        plain.assertFinished();
        assertThat(plain.value("WORK")).isEqualTo("done");
        assertThat(plain.loadedClasses()).as("the agent did start")
                .anyMatch(c -> c.startsWith("org.rcrt.localbus.agent.Installer "))
                .noneMatch(c -> c.startsWith("org.rcrt.localbus.shaded.bytebuddy."))
                .noneMatch(c -> c.startsWith("org.rcrt.localbus.agent.interception.ClientWeaver"));
        assertThat(plain.agentLines("WARN")).as(plain.describe()).isEmpty();
    }

    @Test
    void theAgentCountsNoProblems() {
        Map<String, Long> counters = run.counters();
        assertThat(counters).as(run.value("STATS"))
                .containsEntry("agent.errors", 0L)
                .containsEntry("agent.transformFailures", 0L)
                .containsEntry("agent.notConverted", 0L)
                .containsEntry("agent.inputProblems", 0L);
        // PlainClient, AsyncClient, AbstractBaseClient, OverridingClient, WrapperClient, FallbackClient,
        // DefaultMethodClient, StaticClient and the two proxy classes; not InheritingClient, DefaultMethodClientImpl,
        // RcrtHttp, ClientMain.
        assertThat(counters.get("agent.transformedClasses")).as(run.value("STATS")).isEqualTo(10L);
    }

    @Test
    void startupSaysOneInfoLineAndNothingElse() {
        assertThat(run.agentLines("INFO")).as(run.describe()).singleElement().asString()
                .contains("started").contains("methods=createBreadcrumb,updateBreadcrumb").contains("dispatch=async");
        assertThat(run.stderr).as("stderr holds the agent's start line only%s", run.describe())
                .filteredOn(l -> !l.startsWith("Picked up ")).hasSize(1);
        for (List<String> stream : List.of(run.stdout, run.stderr)) {
            assertThat(stream).as(run.describe()).noneMatch(l -> l.contains("Unsafe"))
                    .noneMatch(l -> l.contains("Sharing is only supported"))
                    .noneMatch(l -> l.contains("WARNING"));
        }
    }
}
