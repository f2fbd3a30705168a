package org.rcrt.localbus.it.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * {@code ./run-demo.sh} itself, on the jars the build just made, as a newcomer runs it: the seed's mixed scenario
 * (echo and random hosted by the workflow's runner, calculator by a second runner in another JVM) without and with
 * the agent, and the summaries it prints side by side. With the agent, both lanes are counted: the own tools answer
 * through the in-process lane, their SSE copies still arrive later and are skipped (one per event that had a local
 * copy), nothing runs twice, and the remote runner's tool answers over SSE.
 */
class DemoScriptIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORKFLOWS = 3;
    /** Per workflow: echo and random here, calculator on the remote runner. */
    private static final int LOCAL_REQUESTS = 2 * WORKFLOWS;
    private static final int REMOTE_REQUESTS = WORKFLOWS;

    @TempDir
    static Path summaries;
    private static int exitCode;
    private static String output;

    @BeforeAll
    static void runTheDemo() throws Exception {
        Path root = ForkedJvm.demoJar().toAbsolutePath().getParent().getParent().getParent();
        Path log = summaries.resolve("run-demo.log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("run-demo.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SKIP_BUILD", "1");
        pb.environment().put("SUMMARY_DIR", summaries.toString());
        pb.environment().put("JAVA_HOME", ForkedJvm.currentJavaHome().toString());
        Process demo = pb.start();
        if (!demo.waitFor(150, TimeUnit.SECONDS)) {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
        exitCode = demo.waitFor();
        output = Files.readString(log);
    }

    private static JsonNode summary(String name) throws Exception {
        return JSON.readTree(summaries.resolve(name + ".json").toFile());
    }

    private static List<String> answerLanes(JsonNode summary) {
        List<String> lanes = new ArrayList<>();
        summary.path("workflows").forEach(w -> w.path("answers").forEach(a -> lanes.add(a.path("lane").asText())));
        return lanes;
    }

    @Test
    void withTheAgentBothLanesAreCountedEverySseCopyOfALocalEventIsSkippedAndNothingRunsTwice() throws Exception {
        assertThat(exitCode).as(output).isZero();
        JsonNode with = summary("with");
        assertThat(with.path("workflows_completed").asInt()).as(output).isEqualTo(WORKFLOWS);
        assertThat(with.path("timeouts").asInt()).as(output).isZero();
        // The in-process lane: every request of this runner and every answer of its own tools.
        long inProcess = with.path("events_per_lane").path("in-process").asLong();
        assertThat(inProcess).as(output).isEqualTo(LOCAL_REQUESTS + REMOTE_REQUESTS + LOCAL_REQUESTS);
        assertThat(answerLanes(with)).as(output).filteredOn("in-process"::equals).hasSize(LOCAL_REQUESTS);
        // The SSE lane: the copies of all of those arrived later and were skipped, one per event with a local copy;
        // what it handled is the remote runner's answers.
        assertThat(with.path("sse_events_skipped").asLong()).as(output).isEqualTo(inProcess);
        assertThat(with.path("events_per_lane").path("sse").asLong()).as(output).isEqualTo(REMOTE_REQUESTS);
        assertThat(answerLanes(with)).as(output).filteredOn("sse"::equals).hasSize(REMOTE_REQUESTS);
        assertThat(with.path("tools_executed").asInt()).as(output).isEqualTo(LOCAL_REQUESTS);
        assertThat(with.path("duplicate_executions").asInt()).as(output).isZero();

        JsonNode remote = summary("with-remote");
        assertThat(remote.path("executions_per_request").size()).as(output).isEqualTo(REMOTE_REQUESTS);
        remote.path("executions_per_request").forEach(runs -> assertThat(runs.asInt()).as(output).isEqualTo(1));
        assertThat(remote.path("duplicate_executions").asInt()).as(output).isZero();
        assertThat(remote.path("sse_events_skipped").asLong()).as("its own answers' SSE copies")
                .isEqualTo(remote.path("events_per_lane").path("in-process").asLong()).isEqualTo(REMOTE_REQUESTS);
    }

    @Test
    void withoutTheAgentEveryWorkflowTimesOutAndTheLateSseCopiesRunTwice() throws Exception {
        JsonNode without = summary("without");
        assertThat(without.path("timeouts").asInt()).as(output).isEqualTo(WORKFLOWS);
        assertThat(without.path("events_per_lane").path("in-process").asLong()).as(output).isZero();
        assertThat(without.path("sse_events_skipped").asLong()).as(output).isZero();
        assertThat(answerLanes(without)).as(output).isEmpty();
    }

    @Test
    void theScreenShowsBothRunsSideBySide() {
        assertThat(output).contains("== run 1: WITHOUT the agent").contains("== run 2: WITH the agent")
                .contains("== side by side");
        assertThat(output.lines()).anyMatch(l -> l.matches("SSE copies skipped \\(had a local copy\\) +0 +0 +15 +3"))
                .anyMatch(l -> l.matches("duplicate executions +\\d+ +\\d+ +0 +0"))
                .anyMatch(l -> l.matches("workflows timed out +3 of 3 +0 of 0 +0 of 3 +0 of 0"));
    }
}
