package com.example.bench.startup;

import java.util.List;
import java.util.Map;

/**
 * A main whose first class is an RCRT client: it declares {@code createBreadcrumb}, so the agent weaves the very
 * class the JVM starts with, before its first line. Prints {@code READY <id>} after one create.
 */
public final class EarlyClientMain {
    public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
        return Map.of("id", "bc-early", "version", 1);
    }

    public static void main(String[] args) {
        Map<String, Object> created = new EarlyClientMain().createBreadcrumb(Map.of("title", "early", "tags",
                List.of("startup"), "schema_name", "app.early.v1", "context", Map.of()));
        System.out.println("READY " + created.get("id"));
    }
}
