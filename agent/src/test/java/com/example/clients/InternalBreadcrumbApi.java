package com.example.clients;

import java.util.Map;

/** Package-private: its proxy class is defined in this package, not in jdk.proxyN. */
interface InternalBreadcrumbApi {
    String createBreadcrumb(Map<String, Object> body);
}
