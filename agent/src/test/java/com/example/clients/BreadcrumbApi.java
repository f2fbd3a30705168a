package com.example.clients;

import java.util.Map;

/** A Feign/Retrofit-style client interface, implemented by a JDK dynamic proxy. Public: its proxy lives in jdk.proxyN. */
public interface BreadcrumbApi {
    String createBreadcrumb(Map<String, Object> body);
}
