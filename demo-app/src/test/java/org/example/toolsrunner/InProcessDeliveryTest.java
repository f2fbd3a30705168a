package org.example.toolsrunner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.rcrt.devserver.DevServerConfig;
import org.rcrt.devserver.RcrtDevServer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * handleEvent called the way a same-process delivery calls it: from the thread that created the
 * breadcrumb, with the SSE payload shape and the create body plus id and version 1 (no /full fetch).
 * The bridge must serve it exactly like an SSE event, counted on the in-process lane, and run the tool
 * on its own executor.
 */
class InProcessDeliveryTest {

    @Test
    void aToolRequestHandedOverByTheCreatingThreadRunsItsTool() throws Exception {
        // SSE is slow here, so any answer that comes must come through the direct call.
        try (RcrtDevServer server = RcrtDevServer.start(DevServerConfig.defaults().withSseDelay(Duration.ofSeconds(30)));
             EventBridge bridge = new EventBridge()) {
            RcrtClient client = new RcrtClient(server.baseUri(),
                    RcrtClient.requestToken(server.baseUri(), UUID.randomUUID(), UUID.randomUUID(), List.of("emitter", "subscriber")));
            ToolHost tools = new ToolHost(client, List.of(new CalculatorTool()),
                    new Timeline(new PrintStream(new ByteArrayOutputStream()), Timeline.Mode.NONE), System.out);
            tools.serve(bridge);

            Map<String, Object> context = new LinkedHashMap<>();
            context.put("request_id", "req-direct-1");
            context.put("tool", "calculator");
            context.put("input", Map.of("expression", "2+3*4"));
            BreadcrumbDraft draft = new BreadcrumbDraft("calculator request", context, List.of("tool:request"), "tool.request.v1");
            CreatedBreadcrumb created = client.createBreadcrumb(draft);

            ObjectNode breadcrumb = Json.MAPPER.valueToTree(draft);
            breadcrumb.put("id", created.id());
            breadcrumb.put("version", 1);
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("type", "breadcrumb.updated");
            event.put("breadcrumb_id", created.id());
            event.put("version", 1);
            event.put("schema_name", "tool.request.v1");
            event.set("tags", breadcrumb.get("tags"));
            event.set("context", breadcrumb.get("context"));
            bridge.handleEvent(event, breadcrumb);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tools.answersSent() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(tools.answersSent()).isEqualTo(1);
            assertThat(server.eventsPublished()).as("the request and the tool's response").isEqualTo(2);
            assertThat(tools.executionsPerRequest()).containsExactly(Map.entry("req-direct-1", 1));
            assertThat(bridge.handledPerLane()).containsEntry(EventBridge.LANE_IN_PROCESS, 1L).containsEntry(EventBridge.LANE_SSE, 0L);
            assertThat(bridge.waitForEvent(EventCriteria.schema("tool.request.v1").withRequestId("req-direct-1"), Duration.ZERO))
                    .hasValueSatisfying(e -> assertThat(e.lane()).isEqualTo(EventBridge.LANE_IN_PROCESS));
        }
    }
}
