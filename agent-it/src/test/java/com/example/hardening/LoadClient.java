package com.example.hardening;

import java.util.Map;
import java.util.UUID;

/** The load test's in-memory client: answers a fresh, deterministic id per (thread, seq) so listeners can check it. */
public class LoadClient {
    static final long SALT = 0x5eed_0000_0000L;
    private final String endpoint = "mem://load";

    public String createBreadcrumb(Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) body.get("context");
        return idOf(((Number) context.get("thread")).intValue(), ((Number) context.get("seq")).intValue());
    }

    static String idOf(int thread, int seq) {
        return new UUID(SALT + thread, seq).toString();
    }

    @Override
    public String toString() {
        return "LoadClient[" + endpoint + "]";
    }
}
