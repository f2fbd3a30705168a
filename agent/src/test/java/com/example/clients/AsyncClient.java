package com.example.clients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking client: {@code createBreadcrumb} returns a {@code CompletableFuture<String>} completed from
 * {@code HttpClient.sendAsync}, on a callback executor of its own.
 */
public class AsyncClient {
    private final String baseUrl;
    private final Map<String, String> headers;
    private final String authorization = "Bearer " + Tokens.JWT;
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "async-client-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final List<CompletableFuture<?>> issued = new CopyOnWriteArrayList<>();

    public AsyncClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /**
     * The id once RCRT has answered. The returned future is the client's own, not a dependent of the HTTP future, so
     * cancelling it does not abort the request (the JDK client would): the request still completes, the future
     * stays cancelled.
     */
    public CompletableFuture<String> createBreadcrumb(Map<String, Object> body) {
        var raw = RcrtHttp.postAsync(baseUrl, headers, body);
        CompletableFuture<String> id = new CompletableFuture<>();
        raw.whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                id.completeExceptionally(failure);
                return;
            }
            try {
                id.complete(RcrtHttp.idOf(response));
            } catch (RuntimeException e) {
                id.completeExceptionally(e);
            }
        }, callbacks);
        issued.add(raw);
        issued.add(id);
        return id;
    }

    /**
     * Waits until every request has been answered and every future this client returned is complete, then until
     * the callback thread has finished what it was doing: after this, every completion callback anyone attached
     * to a returned future has run.
     */
    public void settle() throws Exception {
        for (CompletableFuture<?> f : issued) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.CancellationException expected) {
                // failed or cancelled: done all the same
            }
        }
        callbacks.submit(() -> {}).get(30, TimeUnit.SECONDS);
    }
}
