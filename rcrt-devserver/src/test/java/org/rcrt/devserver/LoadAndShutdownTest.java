package org.rcrt.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoadAndShutdownTest {

    @Test
    void everyOneOfManyStreamsReceivesEveryEventFromConcurrentWriters() throws Exception {
        int clients = 25;
        int writers = 4;
        int perWriter = 10;
        try (RcrtDevServer server = RcrtDevServer.start(DevServerConfig.defaults())) {
            UUID owner = UUID.randomUUID();
            ApiClient emitter = ApiClient.login(server, owner, UUID.randomUUID(), "emitter");
            List<SseClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    streams.add(SseClient.connect(ApiClient.login(server, owner, UUID.randomUUID(), "subscriber")));
                }
                ServerFixture.await(() -> server.openStreams() == clients, Duration.ofSeconds(10), "all streams");

                Set<String> created = ConcurrentHashMap.newKeySet();
                ExecutorService pool = Executors.newFixedThreadPool(writers);
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perWriter; i++) {
                            created.add(emitter.create("load", Map.of("i", i), "load"));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();

                for (SseClient stream : streams) {
                    Set<String> seen = new HashSet<>();
                    while (seen.size() < created.size()) {
                        SseClient.Frame frame = stream.nextEvent(Duration.ofSeconds(10));
                        assertThat(frame).as("stream saw only %d of %d", seen.size(), created.size()).isNotNull();
                        JsonNode event = frame.json();
                        assertThat(seen.add(event.get("breadcrumb_id").asText())).as("duplicate event").isTrue();
                    }
                    assertThat(seen).isEqualTo(created);
                }
                assertThat(server.eventsPublished()).isEqualTo((long) writers * perWriter);
            } finally {
                for (SseClient stream : streams) {
                    stream.close();
                }
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnected() throws Exception {
        DevServerConfig config = DevServerConfig.defaults().withStreamQueueCapacity(8);
        try (RcrtDevServer server = RcrtDevServer.start(config)) {
            ApiClient emitter = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "emitter");
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new java.net.InetSocketAddress(server.baseUri().getHost(), server.port()));
                OutputStream out = stalled.getOutputStream();
                out.write(("GET /events/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + emitter.token()
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                ServerFixture.await(() -> server.openStreams() == 1, Duration.ofSeconds(5), "stalled stream");

                // Large contexts fill the socket buffers quickly; the client never reads a byte.
                Map<String, Object> bulky = Map.of("blob", "x".repeat(256 * 1024));
                for (int i = 0; i < 400 && server.openStreams() > 0; i++) {
                    emitter.create("bulk", bulky);
                }
                ServerFixture.await(() -> server.openStreams() == 0, Duration.ofSeconds(10), "slow client disconnect");
            }
            // The server keeps serving everyone else.
            assertThat(emitter.get("/breadcrumbs?schema_name=none").status()).isEqualTo(200);
        }
    }

    @Test
    void closeReturnsPromptlyWithStreamsOpenAndEndsThem() throws Exception {
        RcrtDevServer server = RcrtDevServer.start(DevServerConfig.defaults());
        ApiClient client = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "subscriber");
        List<SseClient> streams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            streams.add(SseClient.connect(client));
        }
        ServerFixture.await(() -> server.openStreams() == 5, Duration.ofSeconds(5), "streams");

        long start = System.nanoTime();
        server.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        assertThat(server.openStreams()).isZero();
        for (SseClient stream : streams) {
            ServerFixture.await(stream::ended, Duration.ofSeconds(5), "client sees end of stream");
            stream.close();
        }
        server.close(); // idempotent
    }
}
