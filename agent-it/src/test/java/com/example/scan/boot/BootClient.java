package com.example.scan.boot;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A client inside a Spring Boot fat jar's BOOT-INF/classes. */
public class BootClient {
    public String createBreadcrumb(Map<String, Object> body) {
        return UUID.randomUUID().toString();
    }

    public CompletableFuture<String> updateBreadcrumb(String id, Map<String, Object> patch, long version) {
        return CompletableFuture.completedFuture(id);
    }
}
