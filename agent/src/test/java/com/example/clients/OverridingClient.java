package com.example.clients;

import java.util.Map;

/** Overrides {@code createBreadcrumb} and calls {@code super}: one call, so one event. */
public class OverridingClient extends AbstractBaseClient {
    private int calls;

    public OverridingClient(String baseUrl, Map<String, String> headers) {
        super(baseUrl, headers);
    }

    @Override
    public String createBreadcrumb(Map<String, Object> body) {
        calls++;
        return super.createBreadcrumb(body);
    }

    @Override
    protected String name() {
        return "overriding#" + calls;
    }
}
