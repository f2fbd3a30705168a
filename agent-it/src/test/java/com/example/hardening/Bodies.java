package com.example.hardening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Create bodies in RCRT's shape. */
final class Bodies {
    private Bodies() {}

    static Map<String, Object> body(String title, String schema, List<String> tags, Map<String, Object> context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("schema_name", schema);
        body.put("tags", tags);
        body.put("context", context);
        return body;
    }

    static Map<String, Object> simple(String title) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("n", title);
        return body(title, "hardening.v1", List.of("hardening"), context);
    }
}
