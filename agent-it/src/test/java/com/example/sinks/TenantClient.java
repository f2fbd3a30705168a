package com.example.sinks;

import java.util.Map;
import java.util.UUID;

/**
 * An RCRT client as an application has one: a base URL and a bearer token in fields, {@code createBreadcrumb}
 * answering the new id. No HTTP: the id is made up here, as the server would.
 */
public class TenantClient {
    private final String baseUrl = "mem://rcrt.local";
    private final String authorization;

    public TenantClient(String token) {
        this.authorization = token == null ? null : "Bearer " + token;
    }

    public String createBreadcrumb(Map<String, Object> body) {
        return UUID.randomUUID().toString();
    }

    public String updateBreadcrumb(String id, long expectedVersion, Map<String, Object> patch) {
        return "{\"id\":\"" + id + "\",\"version\":" + (expectedVersion + 1) + "}";
    }

    @Override
    public String toString() {
        return "TenantClient[" + baseUrl + (authorization == null ? "" : ", with token") + "]";
    }
}
