package org.rcrt.devserver;

import java.io.IOException;

/** {@code GET /events/stream}: holds the request open and streams the caller's events. */
final class EventStreamRoute {

    private final EventHub hub;
    private final int queueCapacity;

    EventStreamRoute(EventHub hub, int queueCapacity) {
        this.hub = hub;
        this.queueCapacity = queueCapacity;
    }

    void register(Router router) {
        // EventSource cannot set headers, hence the token may come in the query string.
        router.add("GET", "/events/stream", Router.Access.BEARER_OR_QUERY_TOKEN, this::handleStream);
    }

    private void handleStream(Call call) throws IOException {
        SseStream stream = new SseStream(call.principal(), queueCapacity);
        if (!hub.register(stream)) {
            throw new ApiException(503, "server is shutting down");
        }
        try {
            stream.run(call.exchange());
        } finally {
            hub.unregister(stream);
        }
    }
}
