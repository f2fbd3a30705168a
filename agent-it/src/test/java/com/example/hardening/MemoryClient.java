package com.example.hardening;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory RCRT client: no HTTP, {@code createBreadcrumb} answers a fresh id, as the real server would. */
public class MemoryClient {
    /** A real client keeps its base URL and token in fields; the agent reads such fields for the token. */
    private final String baseUrl;
    private final AtomicLong calls = new AtomicLong();

    public MemoryClient() {
        this("mem://rcrt.local");
    }

    public MemoryClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String createBreadcrumb(Map<String, Object> body) {
        calls.incrementAndGet();
        return UUID.randomUUID().toString();
    }

    public String updateBreadcrumb(String id, long expectedVersion, Map<String, Object> patch) {
        calls.incrementAndGet();
        return "{\"ok\":true}";
    }

    public long calls() {
        return calls.get();
    }

    @Override
    public String toString() {
        return "MemoryClient[" + baseUrl + "]";
    }
}
