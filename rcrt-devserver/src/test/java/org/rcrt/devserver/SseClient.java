package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads {@code /events/stream} through a line subscriber; every data frame lands in a queue with its
 * arrival time. Closing cancels the subscription, which (unlike closing a body InputStream on newer
 * JDKs) never waits for the next frame.
 */
final class SseClient implements AutoCloseable, Flow.Subscriber<String> {

    record Frame(JsonNode json, long arrivedNanos) {
    }

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final List<String> rawLines = new ArrayList<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private volatile boolean ended;

    private SseClient() {
    }

    /** Connects with the token in the Authorization header (or nothing if null). */
    static SseClient connect(URI base, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/events/stream"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return open(request.build());
    }

    static SseClient connect(ApiClient client) throws Exception {
        return connect(client.base(), client.token());
    }

    /** Returns once the response headers are in; the body keeps streaming into the client. */
    static SseClient open(HttpRequest request) throws Exception {
        SseClient client = new SseClient();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        ApiClient.HTTP.sendAsync(request, info -> {
            status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(client);
        }).whenComplete((response, error) -> status.completeExceptionally(
                error != null ? error : new IllegalStateException("stream ended before its headers")));
        int code = status.get(10, TimeUnit.SECONDS);
        if (code != 200) {
            client.close();
            throw new IllegalStateException("stream refused: " + code);
        }
        return client;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        synchronized (rawLines) {
            rawLines.add(line);
        }
        if (line.startsWith("data: ")) {
            try {
                frames.add(new Frame(ApiClient.JSON.readTree(line.substring(6)), System.nanoTime()));
            } catch (Exception e) {
                throw new IllegalStateException("frame is not JSON: " + line, e);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        ended = true;
    }

    @Override
    public void onComplete() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    List<String> rawLines() {
        synchronized (rawLines) {
            return List.copyOf(rawLines);
        }
    }

    /** The next frame that is not a ping, or null after the timeout. */
    Frame nextEvent(Duration timeout) throws InterruptedException {
        return next(f -> !"ping".equals(f.json().path("type").asText()), timeout);
    }

    Frame next(Predicate<Frame> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame == null || wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Collects every non-ping event arriving within the window. */
    List<JsonNode> eventsWithin(Duration window) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        Frame frame;
        while ((frame = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null) {
            events.add(frame.json());
        }
        return events;
    }

    @Override
    public void close() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }
}
