package org.rcrt.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Duration ARRIVAL = Duration.ofSeconds(5);

    private RcrtDevServer server;
    private UUID owner;
    private ApiClient emitter;

    @BeforeEach
    void startServer() throws Exception {
        server = RcrtDevServer.start(DevServerConfig.defaults().withPingInterval(Duration.ofMillis(200)));
        owner = UUID.randomUUID();
        emitter = ApiClient.login(server, owner, UUID.randomUUID(), "emitter", "subscriber");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void oneUpdatedEventPerCreateAndPerPatchWithExactlyThePayloadFields() throws Exception {
        try (SseClient sse = ServerFixture.connectAndWait(server, emitter)) {
            String id = emitter.create("tool.request.v1", Map.of("request_id", "r-7"), "tool:x");
            emitter.patch("/breadcrumbs/" + id, Map.of("context", Map.of("request_id", "r-7", "done", true)));

            List<JsonNode> events = sse.eventsWithin(Duration.ofSeconds(1));
            assertThat(events).hasSize(2);
            JsonNode created = events.get(0);
            List<String> fields = new ArrayList<>();
            created.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("type", "breadcrumb_id", "owner_id", "version", "tags",
                    "schema_name", "updated_at", "context");
            assertThat(created.get("type").asText()).isEqualTo("breadcrumb.updated");
            assertThat(created.get("breadcrumb_id").asText()).isEqualTo(id);
            assertThat(created.get("owner_id").asText()).isEqualTo(owner.toString());
            assertThat(created.get("version").asLong()).isEqualTo(1);
            assertThat(created.get("tags").get(0).asText()).isEqualTo("tool:x");
            assertThat(created.get("schema_name").asText()).isEqualTo("tool.request.v1");
            assertThat(created.get("context").get("request_id").asText()).isEqualTo("r-7");
            assertThat(OffsetDateTime.parse(created.get("updated_at").asText())).isNotNull();

            JsonNode patched = events.get(1);
            assertThat(patched.get("type").asText()).isEqualTo("breadcrumb.updated");
            assertThat(patched.get("version").asLong()).isEqualTo(2);
            assertThat(patched.get("context").get("done").asBoolean()).isTrue();
            assertThat(server.eventsPublished()).isEqualTo(2);

            assertThat(sse.rawLines()).allMatch(line -> line.isEmpty() || line.startsWith("data: "));
        }
    }

    @Test
    void deleteEmitsNoEvent() throws Exception {
        try (SseClient sse = ServerFixture.connectAndWait(server, emitter)) {
            String id = emitter.create("s", Map.of());
            assertThat(sse.nextEvent(ARRIVAL).json().get("breadcrumb_id").asText()).isEqualTo(id);

            assertThat(emitter.delete("/breadcrumbs/" + id).status()).isEqualTo(200);
            assertThat(sse.eventsWithin(QUIET)).isEmpty();
        }
    }

    @Test
    void streamOnlyCarriesTheCallersOwnersEvents() throws Exception {
        ApiClient stranger = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "emitter");
        try (SseClient mine = ServerFixture.connectAndWait(server, emitter);
             SseClient theirs = ServerFixture.connectAndWait(server, stranger)) {
            String id = emitter.create("s", Map.of("secret", 1));

            assertThat(mine.nextEvent(ARRIVAL).json().get("breadcrumb_id").asText()).isEqualTo(id);
            assertThat(theirs.eventsWithin(QUIET)).isEmpty();
        }
    }

    @Test
    void pingFramesArriveEveryPingInterval() throws Exception {
        try (SseClient sse = ServerFixture.connectAndWait(server, emitter)) {
            for (int i = 0; i < 2; i++) {
                SseClient.Frame ping = sse.next(f -> true, ARRIVAL);
                assertThat(ping).isNotNull();
                assertThat(ping.json().get("type").asText()).isEqualTo("ping");
                assertThat(OffsetDateTime.parse(ping.json().get("ts").asText())).isNotNull();
            }
        }
    }

    @Test
    void matchingSelectorDeliversTheEventASecondTimeToThatAgentOnly() throws Exception {
        ApiClient watcher = ApiClient.login(server, owner, UUID.randomUUID(), "subscriber");
        ApiClient.Response selector = watcher.post("/subscriptions/selectors", Map.of(
                "any_tags", List.of("tool:x"), "schema_name", "tool.request.v1",
                "context_match", List.of(Map.of("path", "$.req.priority", "op", "gt", "value", 5))));
        assertThat(selector.status()).isEqualTo(200);
        assertThat(selector.body().get("agent_id").asText()).isNotBlank();
        assertThat(watcher.get("/subscriptions/selectors").body()).hasSize(1);

        try (SseClient watching = ServerFixture.connectAndWait(server, watcher);
             SseClient other = ServerFixture.connectAndWait(server, emitter)) {
            String hit = emitter.create("tool.request.v1", Map.of("req", Map.of("priority", 9)), "tool:x");
            String miss = emitter.create("tool.request.v1", Map.of("req", Map.of("priority", 1)), "tool:x");

            List<String> seenByWatcher = breadcrumbIds(watching.eventsWithin(Duration.ofSeconds(1)));
            assertThat(seenByWatcher).containsExactly(hit, hit, miss);
            assertThat(breadcrumbIds(other.eventsWithin(QUIET))).containsExactly(hit, miss);
        }

        String selectorId = selector.body().get("id").asText();
        assertThat(emitter.delete("/subscriptions/selectors/" + selectorId).status()).isEqualTo(404);
        assertThat(watcher.delete("/subscriptions/selectors/" + selectorId).status()).isEqualTo(200);
        assertThat(watcher.get("/subscriptions/selectors").body()).isEmpty();
    }

    @Test
    void invalidSelectorIs400() throws Exception {
        ApiClient.Response answer = emitter.post("/subscriptions/selectors",
                Map.of("context_match", List.of(Map.of("path", "a.b", "op", "eq", "value", 1))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).contains("path");
    }

    @Test
    void sseDelayHoldsEventsBack() throws Exception {
        Duration delay = Duration.ofMillis(300);
        server.setSseDelay(delay);
        try (SseClient sse = ServerFixture.connectAndWait(server, emitter)) {
            long before = System.nanoTime();
            emitter.create("s", Map.of());
            SseClient.Frame event = sse.nextEvent(ARRIVAL);

            assertThat(event).isNotNull();
            assertThat(Duration.ofNanos(event.arrivedNanos() - before)).isGreaterThanOrEqualTo(delay);

            server.setSseDelay(Duration.ZERO);
            emitter.create("s", Map.of());
            assertThat(sse.nextEvent(ARRIVAL)).isNotNull();
        }
    }

    @Test
    void sseDelayNeverHoldsUpTheRequest() throws Exception {
        server.setSseDelay(Duration.ofSeconds(30));
        try (SseClient sse = ServerFixture.connectAndWait(server, emitter)) {
            long before = System.nanoTime();
            String id = emitter.create("s", Map.of());
            assertThat(emitter.patch("/breadcrumbs/" + id, Map.of("title", "u")).status()).isEqualTo(200);

            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.eventsPublished()).isEqualTo(2);
            assertThat(sse.eventsWithin(QUIET)).isEmpty();
        }
    }

    private static List<String> breadcrumbIds(List<JsonNode> events) {
        return events.stream().map(e -> e.get("breadcrumb_id").asText()).toList();
    }
}
