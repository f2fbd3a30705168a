package com.example.clients;

import java.util.Map;

/** The simplest RCRT client: blocking calls, the id as a String. Holds its bearer token as a header value. */
public class PlainClient {
    private final String baseUrl;
    private final Map<String, String> headers;
    private final String authorization = "Bearer " + Tokens.JWT;

    public PlainClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public String createBreadcrumb(Map<String, Object> body) {
        return RcrtHttp.postForId(baseUrl, headers, body);
    }

    public Map<String, Object> updateBreadcrumb(String id, Map<String, Object> patch, long ifMatch) {
        return RcrtHttp.patch(baseUrl, headers, id, patch, ifMatch);
    }

    @Override
    public String toString() {
        return "PlainClient[" + baseUrl + "]"; // never the token
    }
}
