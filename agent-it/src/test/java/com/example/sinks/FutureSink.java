package com.example.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sink methods that return values, as asynchronous EventBridges do; each body run is recorded. */
public class FutureSink {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public final List<String> runs = new CopyOnWriteArrayList<>();

    public CompletableFuture<Void> handleEvent(String eventJson) throws Exception {
        runs.add("future " + MAPPER.readTree(eventJson).path("breadcrumb_id").asText());
        return CompletableFuture.runAsync(() -> { });
    }

    /** A sink whose method answers an Optional. */
    public static class ValueSink {
        public final List<String> runs = new CopyOnWriteArrayList<>();

        public Optional<String> onEvent(String eventJson) throws Exception {
            runs.add("optional " + MAPPER.readTree(eventJson).path("breadcrumb_id").asText());
            return Optional.of("handled");
        }
    }

    /** A primitive return. */
    public static class CountingSink {
        public final List<String> runs = new CopyOnWriteArrayList<>();

        public int onEvent(String eventJson) throws Exception {
            runs.add("int " + MAPPER.readTree(eventJson).path("breadcrumb_id").asText());
            return 42;
        }
    }
}
