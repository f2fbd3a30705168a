package com.example.bench;

import java.util.List;
import java.util.Map;

/** The create bodies the benchmarks send: small, like a tool request. */
public final class Drafts {
    public static final String SCHEMA = "tool.request.v1";

    private Drafts() {}

    public static BreadcrumbDraft toolRequest() {
        return new BreadcrumbDraft("tool request", Map.of("tool", "echo", "input", Map.of("text", "hello")),
                List.of("tools", "request"), SCHEMA);
    }
}
