package com.example.scan.lib;

import java.util.Map;

/** A client in a library jar (BOOT-INF/lib), as a shared company client would be. */
public class LibClient {
    public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
        return Map.of("id", "lib-1");
    }
}
