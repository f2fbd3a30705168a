package org.rcrt.localbus.it.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rcrt.localbus.it.scenarios.DemoRunners.Agent;
import org.rcrt.localbus.it.scenarios.DemoRunners.Outcome;
import org.rcrt.localbus.it.scenarios.DemoRunners.Runner;
import org.rcrt.localbus.it.scenarios.DemoRunners.Summary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code -javaagent:... -Drcrt.localbus.enabled=false} (the sink still configured) behaves exactly as no agent:
 * the scenario-1 runner, side by side with and without the disabled agent, completes over the SSE lane only with
 * the same counts when SSE is short, and times out the same way when SSE takes 60 s. The agent says nothing.
 */
class AgentDisabledScenarioIT {
    private static final int WORKFLOWS = 2;
    private static final int TOOLS_PER_WORKFLOW = 3;
    private static final int REQUESTS = WORKFLOWS * TOOLS_PER_WORKFLOW;

    @RegisterExtension
    static final DemoRunners demo = DemoRunners.withSseDelay(Duration.ZERO);

    @Test
    void withAShortSseDelayItCompletesOverSseOnlyWithTheSameCountsAsNoAgent() {
        demo.sseDelay(Duration.ofSeconds(1));
        List<Outcome> runs = runSideBySide("--timeout=10s");
        Outcome none = runs.get(0);
        Outcome disabled = runs.get(1);

        for (Outcome run : runs) {
            Summary s = run.summary();
            assertThat(run.result().exitCode()).as(run::describe).isZero();
            assertThat(s.completed()).as(run::describe).isEqualTo(WORKFLOWS);
            assertThat(s.inProcess()).as(run::describe).isZero();
            // Every request and at least one answer to each came over SSE; nothing was skipped.
            assertThat(s.sse()).as(run::describe).isGreaterThanOrEqualTo(2L * REQUESTS);
            assertThat(s.sseCopiesSkipped()).as(run::describe).isZero();
            assertThat(run.timeline().lanes("tool executed")).as(run::describe).hasSize(REQUESTS)
                    .allSatisfy((id, lanes) -> assertThat(lanes).containsOnly(DemoRunners.LANE_SSE));
            assertThat(run.timeline().lanes("response seen")).as(run::describe).hasSize(REQUESTS)
                    .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_SSE));
            assertThat(run.result().output()).as(run::describe).doesNotContain("[rcrt-localbus]");
        }
        // Same counts. The tool runner also selects tool requests, so the server sends each twice: with no dedupe in
        // the way, the plain runner executes each request twice, and so does the runner with the disabled agent.
        Summary n = none.summary();
        Summary d = disabled.summary();
        assertThat(d.toolsExecuted()).as(disabled::describe).isEqualTo(n.toolsExecuted());
        assertThat(d.duplicateExecutions()).as(disabled::describe).isEqualTo(n.duplicateExecutions());
        assertThat(d.executionsPerRequest().values()).as(disabled::describe)
                .containsExactlyInAnyOrderElementsOf(n.executionsPerRequest().values());
        assertThat(d.sseConnections()).isEqualTo(n.sseConnections()).isEqualTo(1);
    }

    @Test
    void withA60sSseDelayItTimesOutLikeNoAgent() {
        demo.sseDelay(Duration.ofSeconds(60));
        for (Outcome run : runSideBySide("--timeout=3s")) {
            Summary s = run.summary();
            assertThat(run.result().exitCode()).as(run::describe).isEqualTo(1);
            assertThat(s.timeouts()).as(run::describe).isEqualTo(WORKFLOWS);
            assertThat(s.completed()).as(run::describe).isZero();
            assertThat(s.toolsExecuted()).as(run::describe).isZero();
            assertThat(s.inProcess()).as(run::describe).isZero();
            assertThat(s.sse()).as(run::describe).isZero();
            assertThat(run.result().output()).as(run::describe).doesNotContain("[rcrt-localbus]");
        }
    }

    /** The scenario-1 runner without the agent and with the disabled agent, in parallel, each in its own tenant. */
    private static List<Outcome> runSideBySide(String timeout) {
        List<Runner> runners = new ArrayList<>();
        for (Agent agent : List.of(Agent.NONE, Agent.DISABLED)) {
            runners.add(demo.runner("agent-" + agent.name().toLowerCase() + "-" + timeout.replaceAll("\\W", ""), agent,
                            DemoRunners.newOwner())
                    .args("--role=all", "--workflows=" + WORKFLOWS, "--tools-per-workflow=" + TOOLS_PER_WORKFLOW, timeout)
                    .start());
        }
        List<Outcome> outcomes = new ArrayList<>();
        runners.forEach(r -> outcomes.add(r.finish()));
        return outcomes;
    }
}
