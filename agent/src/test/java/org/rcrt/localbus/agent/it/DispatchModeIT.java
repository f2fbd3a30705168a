package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.BreadcrumbEvent;

/**
 * {@code dispatch=sync}, given as agent arguments together with a comma-continued {@code methods} list: the listener
 * runs on the thread that made the call.
 */
class DispatchModeIT {
    private static AgentHarness.RcrtStub stub;
    private static AgentHarness.Run run;

    @BeforeAll
    static void runTheApplication() throws Exception {
        stub = AgentHarness.RcrtStub.start();
        run = AgentHarness.Fork.withAgent("methods=createBreadcrumb,updateBreadcrumb,dispatch=sync").allClients().run(stub);
    }

    @AfterAll
    static void stopTheStandIn() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void theAgentArgumentsWereRead() {
        run.assertFinished();
        assertThat(run.agentLines("INFO")).as(run.describe()).singleElement().asString()
                .contains("methods=createBreadcrumb,updateBreadcrumb").contains("dispatch=sync");
        assertThat(run.agentLines("WARN")).as(run.describe()).isEmpty();
    }

    @Test
    void blockingCallsAreDeliveredOnTheCallersThread() {
        String caller = run.value("CALLER_THREAD");
        Map<String, String> threads = run.listenerThreads();
        for (String label : List.of("plain-1", "plain-2", "proxy-public", "overriding", "wrapper", "default-method", "barrier")) {
            BreadcrumbEvent e = run.assertOneCreateEvent(label);
            assertThat(threads.get(e.breadcrumbId() + " 1")).as(label).isEqualTo(caller);
        }
        BreadcrumbEvent update = run.eventsLabelled("update").get(0);
        assertThat(threads.get(update.breadcrumbId() + " 4")).isEqualTo(caller);
    }

    /** Where the future completes, or on the caller's thread when it was complete before the call returned. */
    @Test
    void aFutureIsDeliveredOnTheThreadThatCompletedIt() {
        BreadcrumbEvent e = run.assertOneCreateEvent("async-ok");
        assertThat(run.listenerThreads().get(e.breadcrumbId() + " 1"))
                .isIn("async-client-callbacks", run.value("CALLER_THREAD"));
    }

    @Test
    void noAgentThreadDeliversAndFailuresStayWithoutEvents() {
        assertThat(run.listenerThreads().values()).noneMatch(t -> t.startsWith("rcrt-localbus"));
        for (String label : List.of("plain-500", "async-500", "proxy-500")) {
            run.assertFailedWithoutEvent(label, 500);
        }
        run.assertFailedWithoutEvent("plain-409", 409);
        assertThat(run.eventsLabelled("async-cancelled")).isEmpty();
        run.assertNoDuplicateEvents();
    }
}
