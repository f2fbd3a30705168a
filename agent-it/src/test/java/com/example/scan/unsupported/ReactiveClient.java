package com.example.scan.unsupported;

import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** A WebClient-style client: the request runs when the application subscribes to what it returns. */
public class ReactiveClient {
    public Mono<String> createBreadcrumb(Map<String, Object> body) {
        return Mono.fromCallable(() -> UUID.randomUUID().toString());
    }
}
