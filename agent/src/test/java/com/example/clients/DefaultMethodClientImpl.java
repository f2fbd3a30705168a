package com.example.clients;

import java.util.Map;

public final class DefaultMethodClientImpl implements DefaultMethodClient {
    private final String baseUrl;
    private final Map<String, String> headers;
    private final String authorization = "Bearer " + Tokens.JWT;

    public DefaultMethodClientImpl(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
