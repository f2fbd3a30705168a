package com.example.clients;

import java.util.Map;

/** The call is an interface default method; the implementing class has no createBreadcrumb of its own. */
public interface DefaultMethodClient {
    String baseUrl();

    Map<String, String> headers();

    default String createBreadcrumb(Map<String, Object> body) {
        return RcrtHttp.postForId(baseUrl(), headers(), body);
    }
}
