package com.example.clients;

import java.util.Map;

/** A client as a utility class: a static {@code createBreadcrumb}. Its events have no origin client. */
public final class StaticClient {
    private StaticClient() {}

    public static String createBreadcrumb(String baseUrl, Map<String, String> headers, Map<String, Object> body) {
        return RcrtHttp.postForId(baseUrl, headers, body);
    }
}
