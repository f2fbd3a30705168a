package com.example.truth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The truth suite's in-memory RCRT: stores what a create sends and answers {@code {"id": uuid}}, applies a
 * patch field by field with If-Match, as the real server does. Clients of the suite hold a bearer token and call it.
 */
final class MemoryRcrt {
    static final MemoryRcrt SERVER = new MemoryRcrt();

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();

    /** Copies nothing: the id is all a create answers. */
    Map<String, Object> create(Map<String, Object> body) {
        if (!(body.get("context") instanceof Map) || !(body.get("tags") instanceof java.util.List)) {
            throw new IllegalArgumentException("400: title, context and tags are required");
        }
        String id = UUID.randomUUID().toString();
        versions.put(id, new AtomicLong(1));
        return Map.of("id", id);
    }

    long version(String id) {
        AtomicLong v = versions.get(id);
        return v == null ? 0 : v.get();
    }

    Map<String, Object> patch(String id, Long ifMatch) {
        // an id this server never created stands for a record made elsewhere: it is at the version asked for
        AtomicLong v = versions.computeIfAbsent(id, k -> new AtomicLong(ifMatch != null ? ifMatch : 1));
        synchronized (v) {
            if (ifMatch != null && ifMatch != v.get()) {
                throw new IllegalStateException("412: version mismatch");
            }
            v.incrementAndGet();
        }
        return Map.of("ok", true);
    }
}
