package org.example.toolsrunner;

import org.rcrt.devserver.DevServerConfig;
import org.rcrt.devserver.RcrtDevServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An RCRT tools runner: hosts tools, runs workflows that call them through breadcrumbs, and reports
 * how long the round trips took. Exit code 0 when every workflow completed, 1 when any timed out
 * (or the runner could not start), 2 on bad arguments.
 */
public final class ToolsRunnerApp implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> TOKEN_ROLES = List.of("emitter", "subscriber");

    private final Options options;
    private final PrintStream out;
    private final List<WorkflowResult> results = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean summaryWritten = new AtomicBoolean();
    private final Thread summaryOnShutdown = new Thread(this::writeSummary, "summary-on-shutdown");
    private RcrtDevServer devServer;
    private EventBridge bridge;
    private SseReader reader;
    private ToolHost toolHost;

    ToolsRunnerApp(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the runner to the end and returns its exit code (the testable main). */
    public static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.helpRequested()) {
                out.println(Options.USAGE);
                return 0;
            }
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            return 2;
        }
        try (ToolsRunnerApp app = new ToolsRunnerApp(options, out)) {
            return app.runToCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 1;
        } catch (IOException | RcrtApiException | IllegalStateException e) {
            out.println("cannot run: " + e.getMessage());
            return 1;
        }
    }

    private int runToCompletion() throws IOException, InterruptedException {
        RcrtClient client = connectClient();
        Timeline timeline = new Timeline(out, options.timeline());
        String runTag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        bridge = new EventBridge();
        WorkflowRunner workflows = new WorkflowRunner(client, bridge, timeline, options.timeout(),
                options.role().hostsTools() ? Set.copyOf(options.tools()) : Set.of(), options.remoteTimeout(), runTag);

        if (options.role().hostsTools()) {
            toolHost = new ToolHost(client, toolsByName(options.tools()), timeline, out);
            toolHost.serve(bridge);
            // Real runners ask for the requests they serve through a selector as well; the server may
            // then deliver such an event twice (once for the owner, once for the selector).
            client.subscribeSelector(Map.of("schema_name", ToolHost.REQUEST_SCHEMA));
        }
        if (options.role().runsWorkflows()) {
            new WorkflowRequestHandler(client, workflows, options.useTools(), results::add, out).serve(bridge);
        }

        reader = new SseReader(client, bridge, out);
        reader.start();
        if (!reader.awaitConnected(CONNECT_TIMEOUT)) {
            throw new IllegalStateException("no SSE stream from " + client.baseUri() + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        long readyAt = System.nanoTime();
        timeline.record(null, readyAt, "SSE connected", client.baseUri() + "/events/stream  (role " + roleName() + ")");
        Runtime.getRuntime().addShutdownHook(summaryOnShutdown);

        List<String> tools = WorkflowRunner.roundRobin(options.useTools(), options.toolsPerWorkflow());
        switch (options.role()) {
            case ALL, WORKFLOW -> runConcurrently(workflows, id -> workflows.runWorkflow(id, tools, "local"));
            case REQUESTER -> runConcurrently(workflows, id -> workflows.requestWorkflow(id, tools));
            case TOOLS -> { }
        }
        serveUntil(readyAt);
        return writeSummary().exitCode();
    }

    private RcrtClient connectClient() throws IOException {
        URI baseUri = options.rcrtUrl();
        if (baseUri == null) {
            devServer = RcrtDevServer.start(DevServerConfig.defaults().withSseDelay(options.sseDelay()));
            baseUri = devServer.baseUri();
            out.printf(Locale.ROOT, "embedded RCRT dev server at %s, SSE delivery delay %s%n", baseUri, describe(options.sseDelay()));
        }
        String token = RcrtClient.requestToken(baseUri, options.ownerId(), options.agentId(), TOKEN_ROLES);
        return new RcrtClient(baseUri, token);
    }

    private interface Workflow {
        WorkflowResult run(String workflowId) throws InterruptedException;
    }

    /** Runs --workflows workflows side by side, as a busy runner would, and keeps their results. */
    private void runConcurrently(WorkflowRunner workflows, Workflow workflow) throws InterruptedException {
        int count = options.workflows();
        if (count == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(count, EventBridge.daemonThreads("workflow"));
        try {
            List<Future<WorkflowResult>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // Ids are handed out here, in order, so "the first workflow" is wf-...-1 whichever thread starts first.
                String workflowId = workflows.nextWorkflowId();
                running.add(pool.submit(() -> workflow.run(workflowId)));
            }
            for (Future<WorkflowResult> future : running) {
                results.add(future.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a workflow crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** With --serve-for, keep serving until then; a tools-only runner without it serves until stopped. */
    private void serveUntil(long readyAtNanos) throws InterruptedException {
        if (options.serveFor() != null) {
            long leftMillis = (readyAtNanos + options.serveFor().toNanos() - System.nanoTime()) / 1_000_000;
            if (leftMillis > 0) {
                Thread.sleep(leftMillis);
            }
        } else if (options.role() == Options.Role.TOOLS) {
            out.println("serving tools " + String.join(",", options.tools()) + " until stopped");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Prints the summary (and writes the JSON) once, whether the run ends normally or the process is stopped. */
    private synchronized RunSummary writeSummary() {
        RunSummary summary = new RunSummary(options.label(), roleName(), List.copyOf(results),
                toolHost == null ? Map.of() : toolHost.executionsPerRequest(),
                bridge == null ? Map.of() : bridge.handledPerLane(),
                reader == null ? 0 : reader.framesPassed(),
                reader == null ? 0 : reader.distinctEventsPassed(),
                bridge == null ? 0 : bridge.distinctEventsHandledViaSse(),
                reader == null ? 0 : reader.pings(),
                reader == null ? 0 : reader.connections());
        if (summaryWritten.compareAndSet(false, true)) {
            out.println();
            out.println(summary.oneLine());
            out.flush();
            if (options.summaryJson() != null) {
                try {
                    Files.writeString(options.summaryJson(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary.toJson()));
                } catch (IOException e) {
                    out.println("could not write " + options.summaryJson() + ": " + e.getMessage());
                }
            }
        }
        return summary;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(summaryOnShutdown);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already shutting down (the hook is running), or never registered.
        }
        if (reader != null) {
            reader.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (devServer != null) {
            devServer.close();
        }
    }

    private String roleName() {
        return options.role().name().toLowerCase(Locale.ROOT);
    }

    private static List<Tool> toolsByName(List<String> names) {
        List<Tool> tools = new ArrayList<>();
        for (String name : names) {
            tools.add(switch (name) {
                case "echo" -> new EchoTool();
                case "random" -> new RandomTool();
                case "calculator" -> new CalculatorTool();
                default -> throw new IllegalArgumentException("unknown tool " + name);
            });
        }
        return tools;
    }

    static String describe(Duration duration) {
        if (duration.isZero()) {
            return "none";
        }
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
