package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventBridgeTest {
    private final EventBridge bridge = new EventBridge(3);

    @AfterEach
    void closeBridge() {
        bridge.close();
    }

    private static JsonNode breadcrumb(String schema, String requestId) {
        ObjectNode breadcrumb = Json.MAPPER.createObjectNode();
        breadcrumb.put("id", "id-" + requestId);
        breadcrumb.put("schema_name", schema);
        breadcrumb.put("version", 1);
        breadcrumb.putArray("tags");
        breadcrumb.putObject("context").put("request_id", requestId);
        return breadcrumb;
    }

    private static JsonNode payload(JsonNode breadcrumb) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", "breadcrumb.updated");
        event.put("breadcrumb_id", breadcrumb.path("id").asText());
        event.put("schema_name", breadcrumb.path("schema_name").asText());
        return event;
    }

    private void deliver(String schema, String requestId) {
        JsonNode breadcrumb = breadcrumb(schema, requestId);
        bridge.handleEvent(payload(breadcrumb), breadcrumb);
    }

    @Test
    void aWaitThatStartsAfterTheEventFindsItInTheHistory() throws Exception {
        deliver("tool.response.v1", "req-1");

        Optional<ReceivedEvent> found = bridge.waitForEvent(
                EventCriteria.schema("tool.response.v1").withRequestId("req-1"), Duration.ZERO);

        assertThat(found).isPresent();
        assertThat(found.get().breadcrumbId()).isEqualTo("id-req-1");
    }

    @Test
    void aWaiterIsWokenByALaterEvent() throws Exception {
        CompletableFuture<Optional<ReceivedEvent>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return bridge.waitForEvent(EventCriteria.any().withRequestId("req-2"), Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        deliver("tool.response.v1", "req-other");
        deliver("tool.response.v1", "req-2");

        assertThat(waiting.get(5, TimeUnit.SECONDS)).hasValueSatisfying(e -> assertThat(e.requestId()).isEqualTo("req-2"));
    }

    @Test
    void aWaitWithNoMatchingEventTimesOutEmpty() throws Exception {
        deliver("tool.response.v1", "req-1");
        assertThat(bridge.waitForEvent(EventCriteria.any().withRequestId("req-9"), Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void theHistoryKeepsOnlyTheNewestEvents() throws Exception {
        for (int i = 1; i <= 4; i++) {
            deliver("tool.response.v1", "req-" + i);
        }
        assertThat(bridge.waitForEvent(EventCriteria.any().withRequestId("req-1"), Duration.ZERO)).isEmpty();
        assertThat(bridge.waitForEvent(EventCriteria.any().withRequestId("req-4"), Duration.ZERO)).isPresent();
    }

    @Test
    void callsFromTheSseReaderThreadAreTheSseLaneAndAllOthersInProcess() throws Exception {
        Thread readerThread = new Thread(() -> deliver("tool.response.v1", "via-sse"));
        bridge.useSseReaderThread(readerThread);
        readerThread.start();
        readerThread.join();
        deliver("tool.response.v1", "via-test-thread");
        Thread other = new Thread(() -> deliver("tool.response.v1", "via-other-thread"));
        other.start();
        other.join();

        assertThat(bridge.handledPerLane()).containsEntry(EventBridge.LANE_SSE, 1L).containsEntry(EventBridge.LANE_IN_PROCESS, 2L);
        assertThat(bridge.waitForEvent(EventCriteria.any().withRequestId("via-sse"), Duration.ZERO))
                .hasValueSatisfying(e -> assertThat(e.lane()).isEqualTo(EventBridge.LANE_SSE));
        assertThat(bridge.waitForEvent(EventCriteria.any().withRequestId("via-test-thread"), Duration.ZERO))
                .hasValueSatisfying(e -> assertThat(e.lane()).isEqualTo(EventBridge.LANE_IN_PROCESS));
    }

    @Test
    void listenersRunOnTheBridgesExecutorNotOnTheCaller() throws Exception {
        CompletableFuture<Thread> listenerThread = new CompletableFuture<>();
        bridge.onSchema("tool.request.v1", event -> listenerThread.complete(Thread.currentThread()));
        bridge.onSchema("other.v1", event -> listenerThread.completeExceptionally(new AssertionError("wrong schema")));

        deliver("tool.request.v1", "req-1");

        assertThat(listenerThread.get(5, TimeUnit.SECONDS)).isNotSameAs(Thread.currentThread());
    }
}
