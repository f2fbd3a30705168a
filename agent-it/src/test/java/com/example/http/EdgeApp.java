package com.example.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * A child JVM with an ordinary RCRT client (java.net.http, no knowledge of the agent) calling an RCRT-like
 * WireMock server whose answers the test chooses per request: success, 500, 409 on a repeated Idempotency-Key,
 * and a slow success. It prints {@code KEY=value} lines for the test.
 */
public final class EdgeApp {
    /** The client: a blocking create and an asynchronous one; non-2xx answers are exceptions, as RCRT clients do. */
    public static final class HttpRcrtClient {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI base;

        HttpRcrtClient(URI base) {
            this.base = base;
        }

        public String createBreadcrumb(String bodyJson, String mode, String idempotencyKey) throws Exception {
            HttpResponse<String> response = http.send(request(bodyJson, mode, idempotencyKey), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("RCRT answered " + response.statusCode());
            }
            return response.body();
        }

        public CompletableFuture<String> createBreadcrumb(String bodyJson, String mode) {
            return http.sendAsync(request(bodyJson, mode, null), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                if (r.statusCode() / 100 != 2) {
                    throw new IllegalStateException("RCRT answered " + r.statusCode());
                }
                return r.body();
            });
        }

        private HttpRequest request(String bodyJson, String mode, String idempotencyKey) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/breadcrumbs"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("X-Mode", mode)
                    .POST(HttpRequest.BodyPublishers.ofString(bodyJson));
            if (idempotencyKey != null) {
                b.header("Idempotency-Key", idempotencyKey);
            }
            return b.build();
        }
    }

    public static void main(String[] args) throws Exception {
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        LocalEventBus.subscribe(Selector.all(), e -> events.add(e.breadcrumbId() + " " + e.schemaName()));
        HttpRcrtClient client = new HttpRcrtClient(URI.create(args[0]));
        String body = "{\"title\":\"t\",\"context\":{\"k\":1},\"tags\":[\"edge\"],\"schema_name\":\"edge.v1\"}";
        int failures = 0;
        for (String mode : List.of("ok", "fail", "slow")) {
            try {
                client.createBreadcrumb(body, mode, null);
            } catch (IllegalStateException expected) {
                failures++;
            }
        }
        client.createBreadcrumb(body, "ok", "key-1");
        try {
            client.createBreadcrumb(body, "ok", "key-1"); // the server answers 409 for a repeated key
        } catch (IllegalStateException expected) {
            failures++;
        }
        try {
            client.createBreadcrumb(body, "fail").get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            failures++;
        }
        client.createBreadcrumb(body, "slow").get(20, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // a grace period in which a wrong extra event would show up
        System.out.println("FAILURES=" + failures);
        System.out.println("EVENTS=" + events.size());
        events.forEach(e -> System.out.println("EVENT " + e));
        System.out.println("DONE");
    }
}
