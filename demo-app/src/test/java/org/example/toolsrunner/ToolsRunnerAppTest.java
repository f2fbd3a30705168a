package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.rcrt.devserver.DevServerConfig;
import org.rcrt.devserver.RcrtDevServer;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole runner in this JVM against its embedded dev server, without any agent: every event comes
 * by SSE. The runner registers its selector like a real runner, so a request may be delivered (and its
 * tool run) twice; these tests check the answers seen and that every request ran at least once.
 */
class ToolsRunnerAppTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String output, JsonNode summary) {
    }

    private Run run(String... args) throws Exception {
        Path summaryFile = dir.resolve("summary.json");
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--summary-json=" + summaryFile;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = ToolsRunnerApp.run(all, new PrintStream(output, true, StandardCharsets.UTF_8));
        return new Run(exitCode, output.toString(StandardCharsets.UTF_8), Json.MAPPER.readTree(summaryFile.toFile()));
    }

    @Test
    void aWorkflowOfThreeToolRequestsCompletesOverSse() throws Exception {
        Run run = run("--workflows=1", "--tools-per-workflow=3", "--timeout=10s", "--label=sse only");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode workflow = run.summary().path("workflows").get(0);
        assertThat(workflow.path("status").asText()).isEqualTo("completed");
        assertThat(workflow.path("responses").asInt()).isEqualTo(3);
        assertThat(run.summary().path("timeouts").asInt()).isZero();

        JsonNode executions = run.summary().path("executions_per_request");
        assertThat(executions.size()).isEqualTo(3);
        executions.forEach(count -> assertThat(count.asInt()).isGreaterThanOrEqualTo(1));
        assertThat(run.summary().path("tools_executed").asInt()).isGreaterThanOrEqualTo(3);

        // No agent: nothing arrives in-process, everything the bridge handled came by SSE.
        assertThat(run.summary().path("events_per_lane").path("in-process").asLong()).isZero();
        assertThat(run.summary().path("events_per_lane").path("sse").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(run.summary().path("sse_copies_skipped").asLong()).isZero();

        assertThat(run.output()).contains("request created", "tool executed", "response seen", "via sse")
                .contains("summary [sse only]").doesNotContain("Exception");
    }

    @Test
    void aWorkflowWhoseRequestsArriveTooLateTimesOut() throws Exception {
        Run run = run("--sse-delay=5s", "--timeout=1s", "--workflows=1");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.summary().path("timeouts").asInt()).isEqualTo(1);
        assertThat(run.summary().path("workflows").get(0).path("status").asText()).isEqualTo("timeout");
        assertThat(run.summary().path("round_trip_ms").path("median").isNull()).isTrue();
        assertThat(run.output()).contains("TIMEOUT").doesNotContain("Exception");
    }

    @Test
    void quietPrintsOnlyTheSummary() throws Exception {
        Run run = run("--workflows=1", "--tools-per-workflow=1", "--quiet");
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).doesNotContain("request created").contains("summary");
    }

    @Test
    void aRequesterGetsItsWorkflowsRunByARunnerThatServesWorkflowRequests() throws Exception {
        // Two runners sharing one server (in one JVM here; across JVMs is the agent-it module's business).
        try (RcrtDevServer server = RcrtDevServer.start(DevServerConfig.defaults())) {
            String url = "--rcrt-url=" + server.baseUri();
            ExecutorService background = Executors.newSingleThreadExecutor();
            ByteArrayOutputStream servingOutput = new ByteArrayOutputStream();
            try {
                Future<Integer> servingRunner = background.submit(() -> ToolsRunnerApp.run(new String[] {
                        url, "--role=all", "--workflows=0", "--serve-for=4s"}, new PrintStream(servingOutput, true, StandardCharsets.UTF_8)));
                // Let it connect first: a request made before it listens would never reach it.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (server.openStreams() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                Run requester = run(url, "--role=requester", "--workflows=2", "--tools-per-workflow=2", "--timeout=10s");

                assertThat(requester.exitCode()).as(() -> requester.output() + "\nserving runner:\n" + servingOutput).isZero();
                assertThat(requester.summary().path("workflows")).hasSize(2)
                        .allSatisfy(w -> assertThat(w.path("status").asText()).isEqualTo("completed"));
                assertThat(requester.summary().path("tools_executed").asInt()).as("the requester hosts no tools").isZero();
                assertThat(requester.output()).contains("workflow answered");
                assertThat(servingRunner.get(30, TimeUnit.SECONDS)).isZero();
            } finally {
                background.shutdownNow();
            }
        }
    }
}
