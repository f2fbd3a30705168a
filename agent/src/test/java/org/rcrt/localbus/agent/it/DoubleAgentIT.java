package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent jar given twice on the command line: the second copy warns and steps aside; events are not doubled. */
class DoubleAgentIT {
    private static AgentHarness.RcrtStub stub;
    private static AgentHarness.Run run;

    @BeforeAll
    static void runTheApplication() throws Exception {
        stub = AgentHarness.RcrtStub.start();
        run = AgentHarness.Fork.withAgent().andTheAgentAgain().run(stub);
    }

    @AfterAll
    static void stopTheStandIn() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void theSecondCopyWarnsThatItDoesNothing() {
        run.assertFinished();
        assertThat(run.agentLines("WARN")).as(run.describe()).singleElement().asString()
                .contains("already installed").contains("does nothing");
        assertThat(run.agentLines("INFO")).as(run.describe()).singleElement().asString().contains("started");
        assertThat(run.agentLines("ERROR")).isEmpty();
    }

    @Test
    void eachCallIsStillExactlyOneEvent() {
        for (String label : List.of("plain-1", "plain-2", "barrier")) {
            run.assertOneCreateEvent(label);
        }
        assertThat(run.eventsLabelled("update")).hasSize(1);
        run.assertFailedWithoutEvent("plain-500", 500);
        run.assertFailedWithoutEvent("plain-409", 409);
        assertThat(run.events()).hasSize(4);
        run.assertNoDuplicateEvents();
    }
}
