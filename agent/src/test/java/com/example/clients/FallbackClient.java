package com.example.clients;

import java.util.Map;

/**
 * A decorator that answers with a default when the inner client fails (what a fallback aspect or a resilience
 * wrapper does): the breadcrumb was not created, so its normal return must be no event.
 */
public class FallbackClient {
    private final PlainClient inner;

    public FallbackClient(PlainClient inner) {
        this.inner = inner;
    }

    public String createBreadcrumb(Map<String, Object> body) {
        try {
            return inner.createBreadcrumb(body);
        } catch (RuntimeException failed) {
            return "fallback-not-created";
        }
    }
}
