package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code enabled=false}, by each of the three configuration sources: the agent jar is on the command line, but
 * nothing of it beyond its launcher is ever loaded, no class is transformed, no thread started, and the
 * application runs exactly as without it.
 */
class DisabledIT {
    enum Switch {
        SYSTEM_PROPERTY, ENVIRONMENT_VARIABLE, AGENT_ARGUMENT;

        AgentHarness.Fork fork() {
            return switch (this) {
                case SYSTEM_PROPERTY -> AgentHarness.Fork.withAgent().systemProperty("rcrt.localbus.enabled", "false");
                case ENVIRONMENT_VARIABLE -> AgentHarness.Fork.withAgent().env("RCRT_LOCALBUS_ENABLED", "false");
                case AGENT_ARGUMENT -> AgentHarness.Fork.withAgent("enabled=false");
            };
        }
    }

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

    @ParameterizedTest
    @EnumSource(Switch.class)
    void switchedOffTheAgentDoesNothingAtAll(Switch how) throws Exception {
        AgentHarness.Run run = how.fork().allClients().expectingNoEvents().run(stub);
        run.assertFinished();

        // the application worked as usual
        for (String label : List.of("plain-1", "async-ok", "proxy-public", "overriding", "wrapper", "default-method", "barrier")) {
            assertThat(run.call(label)).as(label).startsWith("ok ");
        }
        assertThat(run.call("update")).startsWith("ok ");

        // and the agent did nothing
        assertThat(run.events()).as(run.describe()).isEmpty();
        assertThat(run.value("SHARED")).isEqualTo("false");
        assertThat(run.value("BUS_LOADER")).isNotEqualTo("null");
        assertThat(run.value("HOOK_ON_BOOT")).isEqualTo("false");
        assertThat(run.value("THREADS")).as("no rcrt-localbus thread").isEmpty();
        assertThat(run.agentLines()).as("not a word from the agent%s", run.describe()).isEmpty();
        assertThat(run.stderr).filteredOn(l -> !l.startsWith("Picked up ")).isEmpty();

        // the class-load log: the launcher ran (so the log would show the agent), the clients were loaded, and
        // nothing of the agent beyond its launcher: no hook, no Byte Buddy, no transformer, no installer.
        List<String> loaded = run.loadedClasses();
        assertThat(loaded).anyMatch(c -> c.startsWith("org.rcrt.localbus.agent.launcher.AgentLauncher "));
        assertThat(loaded).anyMatch(c -> c.startsWith("com.example.clients.PlainClient "));
        assertThat(loaded).anyMatch(c -> c.startsWith("org.rcrt.localbus.LocalEventBus ")
                && c.contains(run.apiJarName()));
        assertThat(loaded).as("classes of the agent beyond its launcher").noneMatch(AgentHarness::agentBeyondLauncher);
    }
}
