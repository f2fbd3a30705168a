package com.example.clients;

import java.util.Map;

/** A base class that implements the call; subclasses may override and call super. */
public abstract class AbstractBaseClient {
    protected final String baseUrl;
    protected final Map<String, String> headers;
    private final String authorization = "Bearer " + Tokens.JWT;

    protected AbstractBaseClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public String createBreadcrumb(Map<String, Object> body) {
        return RcrtHttp.postForId(baseUrl, headers, body);
    }

    protected abstract String name();
}
