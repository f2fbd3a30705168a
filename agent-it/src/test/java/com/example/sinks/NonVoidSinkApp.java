package com.example.sinks;

import com.example.support.ChildApp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sinks whose methods return a {@code CompletableFuture}, an {@code Optional} and an {@code int}. A local create
 * reaches each through the local lane; the SSE reader's copy is then skipped and must still return something the
 * application can use: a completed future (its {@code join()} must not throw), an empty Optional, 0.
 */
public final class NonVoidSinkApp {
    private static final long WAIT = 30_000;

    public static void main(String[] args) throws Exception {
        FutureSink future = new FutureSink();
        FutureSink.ValueSink optional = new FutureSink.ValueSink();
        FutureSink.CountingSink counting = new FutureSink.CountingSink();
        TenantClient client = new TenantClient(null);
        String id = client.createBreadcrumb(Child.body("x.v1", "non-void", Map.of(), List.of()));
        Child.require("local lane delivered to the three sinks",
                () -> future.runs.size() == 1 && optional.runs.size() == 1 && counting.runs.size() == 1, WAIT);
        String sse = "{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"" + id + "\",\"version\":1}";

        CompletableFuture<Void> skipped = future.handleEvent(sse);
        ChildApp.print("FUTURE_NULL", skipped == null);
        ChildApp.print("FUTURE_DONE", skipped != null && skipped.isDone());
        ChildApp.print("FUTURE_JOIN", skipped == null ? "npe" : String.valueOf(skipped.get(5, TimeUnit.SECONDS)));
        Optional<String> skippedOptional = optional.onEvent(sse);
        ChildApp.print("OPTIONAL", skippedOptional == null ? "null" : skippedOptional.isPresent() ? "present" : "empty");
        ChildApp.print("INT", counting.onEvent(sse));
        ChildApp.print("RUNS", future.runs.size() + optional.runs.size() + counting.runs.size());

        // a copy that is not a duplicate runs and returns the method's own value
        String remote = "{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"remote\",\"version\":1}";
        ChildApp.print("REMOTE_OPTIONAL", optional.onEvent(remote).orElse("empty"));
        ChildApp.print("REMOTE_INT", counting.onEvent(remote));
        ChildApp.print("DONE", true);
    }

    private NonVoidSinkApp() {}
}
