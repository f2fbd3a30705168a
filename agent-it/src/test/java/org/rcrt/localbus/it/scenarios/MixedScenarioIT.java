package org.rcrt.localbus.it.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rcrt.localbus.it.scenarios.DemoRunners.Agent;
import org.rcrt.localbus.it.scenarios.DemoRunners.Outcome;
import org.rcrt.localbus.it.scenarios.DemoRunners.Runner;
import org.rcrt.localbus.it.scenarios.DemoRunners.Summary;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed scenario 3, "Mixed (some local, some remote)": each workflow creates 3 tool requests; echo and random are
 * hosted by the workflow's own runner, calculator only by a runner in another JVM. The local two run at once through
 * the in-process lane, the remote one goes over SSE (2 s each way), and all three answers come back to the workflow,
 * well within its 15 s timeout.
 */
class MixedScenarioIT {
    private static final Duration SSE_DELAY = Duration.ofSeconds(2);
    private static final int WORKFLOWS = 2;
    private static final int REQUESTS = WORKFLOWS * 3;

    @RegisterExtension
    static final DemoRunners demo = DemoRunners.withSseDelay(SSE_DELAY);

    @Test
    void localToolsRunInProcessTheRemoteToolOverSseAndAllAnswersArrive() {
        UUID owner = DemoRunners.newOwner();
        Runner remote = demo.runner("mixed-remote-calculator", Agent.SINK, owner)
                .args("--role=tools", "--tools=calculator").serving().start().awaitConnected();
        Outcome local = demo.runner("mixed-local", Agent.SINK, owner)
                .args("--role=all", "--tools=echo,random", "--use-tools=echo,random,calculator",
                        "--workflows=" + WORKFLOWS, "--tools-per-workflow=3", "--timeout=15s")
                .start().finish();
        DemoRunners.pause(SSE_DELAY.plusSeconds(2));
        Outcome other = remote.stop();

        Summary l = local.summary();
        assertThat(local.result().exitCode()).as(local::describe).isZero();
        assertThat(l.completed()).as(local::describe).isEqualTo(WORKFLOWS);
        assertThat(l.timeouts()).as(local::describe).isZero();
        assertThat(l.workflows()).as(local::describe)
                .allSatisfy(w -> assertThat(w.path("responses").asInt()).isEqualTo(3));

        Map<String, String> toolOf = local.timeline().firstAt("request created").keySet().stream()
                .collect(Collectors.toMap(id -> id, id -> toolOfRequest(local, id)));
        assertThat(toolOf).as(local::describe).hasSize(REQUESTS);
        Set<String> localRequests = requestsFor(toolOf, "echo", "random");
        Set<String> remoteRequests = requestsFor(toolOf, "calculator");
        assertThat(localRequests).hasSize(2 * WORKFLOWS);
        assertThat(remoteRequests).hasSize(WORKFLOWS);

        // Local tools: executed here, once each, through the in-process lane; their answers seen in-process.
        assertThat(l.executionsPerRequest()).as(local::describe).containsOnlyKeys(localRequests)
                .allSatisfy((id, runs) -> assertThat(runs).isEqualTo(1));
        Map<String, List<String>> executedHere = local.timeline().lanes("tool executed");
        assertThat(executedHere).as(local::describe).containsOnlyKeys(localRequests)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_IN_PROCESS));
        Map<String, List<String>> answers = local.timeline().lanes("response seen");
        assertThat(answers).as(local::describe).hasSize(REQUESTS);
        localRequests.forEach(id -> assertThat(answers.get(id)).as(id + "\n" + local.describe()).containsExactly(DemoRunners.LANE_IN_PROCESS));
        // The remote tool: executed there, once, after the request came over SSE; its answer came back over SSE.
        remoteRequests.forEach(id -> assertThat(answers.get(id)).as(id + "\n" + local.describe()).containsExactly(DemoRunners.LANE_SSE));
        assertThat(l.sse()).as(local::describe).isEqualTo(remoteRequests.size());
        assertThat(l.inProcess()).as(local::describe).isEqualTo(REQUESTS + localRequests.size());

        Summary r = other.summary();
        assertThat(r.executionsPerRequest()).as(other::describe).containsOnlyKeys(remoteRequests)
                .allSatisfy((id, runs) -> assertThat(runs).isEqualTo(1));
        assertThat(other.timeline().lanes("tool executed")).as(other::describe).containsOnlyKeys(remoteRequests)
                .allSatisfy((id, lanes) -> assertThat(lanes).containsExactly(DemoRunners.LANE_SSE));
        // Each of the local side's events handled exactly once there (all requests, the local answers), its own
        // answers in-process.
        assertThat(r.sse()).as(other::describe).isEqualTo(REQUESTS + localRequests.size());
        assertThat(r.inProcess()).as(other::describe).isEqualTo(remoteRequests.size());

        // The local answers did not wait for the SSE lane: each was seen sooner after its request than a round trip
        // over SSE (request and response, two deliveries) could have taken.
        Map<String, Double> created = local.timeline().firstAt("request created");
        Map<String, Double> seen = local.timeline().firstAt("response seen");
        localRequests.forEach(id -> assertThat(seen.get(id) - created.get(id)).as(id + "\n" + local.describe())
                .isLessThan(2.0 * SSE_DELAY.toMillis()));
    }

    private static String toolOfRequest(Outcome run, String requestId) {
        // "request created   req-ab12-1.2 (random)"
        return run.timeline().entries().stream()
                .filter(e -> e.what().equals("request created") && e.detail().startsWith(requestId + " "))
                .map(e -> e.detail().replaceFirst("^.*\\((\\w+)\\)$", "$1"))
                .findFirst().orElseThrow();
    }

    private static Set<String> requestsFor(Map<String, String> toolOf, String... tools) {
        Set<String> wanted = new HashSet<>(List.of(tools));
        return toolOf.entrySet().stream().filter(e -> wanted.contains(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
