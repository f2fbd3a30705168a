package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad configuration never stops the agent: one WARN per bad value or unknown key, the default, and events flow. */
class ConfigProblemsIT {
    private static AgentHarness.RcrtStub stub;
    private static AgentHarness.Run run;

    @BeforeAll
    static void runTheApplication() throws Exception {
        stub = AgentHarness.RcrtStub.start();
        run = AgentHarness.Fork.withAgent()
                .systemProperty("rcrt.localbus.queue.capacity", "abc")
                .systemProperty("rcrt.localbus.bogus", "1")
                .env("RCRT_LOCALBUS_DISPATCH", "sideways")
                .run(stub);
    }

    @AfterAll
    static void stopTheStandIn() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void aBadValueIsOneWarnNamingKeyValueAndSource() {
        assertThat(run.agentLines("WARN"))
                .filteredOn(l -> l.contains("rcrt.localbus.queue.capacity") && l.contains("abc"))
                .as(run.describe()).singleElement().asString()
                .contains("system property rcrt.localbus.queue.capacity").contains("10000");
        assertThat(run.agentLines("WARN"))
                .filteredOn(l -> l.contains("RCRT_LOCALBUS_DISPATCH") && l.contains("sideways"))
                .as(run.describe()).singleElement().asString().contains("async");
    }

    @Test
    void anUnknownKeyIsOneWarnNamingIt() {
        assertThat(run.agentLines("WARN")).filteredOn(l -> l.contains("rcrt.localbus.bogus"))
                .as(run.describe()).singleElement().asString().contains("unknown").contains("=1");
    }

    @Test
    void nothingElseIsWarnedAbout() {
        assertThat(run.agentLines("WARN")).as(run.describe()).hasSize(3);
        assertThat(run.agentLines("ERROR")).isEmpty();
    }

    @Test
    void theAgentStartsWithTheDefaultsAndEventsFlow() {
        run.assertFinished();
        assertThat(run.agentLines("INFO")).singleElement().asString().contains("started").contains("dispatch=async");
        for (String label : List.of("plain-1", "plain-2", "barrier")) {
            run.assertOneCreateEvent(label);
        }
        run.assertFailedWithoutEvent("plain-500", 500);
        run.assertFailedWithoutEvent("plain-409", 409);
        assertThat(run.eventsLabelled("update")).singleElement().extracting(e -> e.version()).isEqualTo(4L);
        assertThat(run.value("SHARED")).isEqualTo("true");
    }
}
