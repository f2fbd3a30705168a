package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.clients.NoClientMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A process without an RCRT client pays for the filters only: no weaver, no ASM, no Byte Buddy is ever loaded. */
class PayForWhatIsUsedIT {
    private static AgentHarness.RcrtStub stub;

    @BeforeAll
    static void startTheStandIn() throws Exception {
        stub = AgentHarness.RcrtStub.start();
    }

    @AfterAll
    static void stopTheStandIn() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void withoutAClientNoWeavingMachineryIsLoaded() throws Exception {
        AgentHarness.Run run = AgentHarness.Fork.withAgent().main(NoClientMain.class).expectingNoEvents().run(stub);
        run.assertFinished();
        assertThat(run.value("WORK")).isEqualTo("done");
        assertThat(run.loadedClasses()).as("the agent did start").anyMatch(c -> c.startsWith("org.rcrt.localbus.agent.Installer "));
        assertThat(run.loadedClasses()).as("the class loads").isNotEmpty()
                .noneMatch(c -> c.startsWith("org.rcrt.localbus.shaded.bytebuddy."))
                .noneMatch(c -> c.startsWith("org.rcrt.localbus.agent.interception.ClientWeaver"));
        assertThat(run.agentLines("WARN")).as(run.describe()).isEmpty();
    }
}
