package com.example.clients;

import java.util.Map;

/** A decorator around another client (retries, metrics...): the inner call is the same breadcrumb. */
public class WrapperClient {
    private final PlainClient inner;

    public WrapperClient(PlainClient inner) {
        this.inner = inner;
    }

    public String createBreadcrumb(Map<String, Object> body) {
        return inner.createBreadcrumb(body);
    }
}
