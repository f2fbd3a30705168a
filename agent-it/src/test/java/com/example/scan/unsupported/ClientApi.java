package com.example.scan.unsupported;

import java.util.Map;

/** An interface alone: nothing concrete to intercept (a JDK proxy of it would be, at run time). */
public interface ClientApi {
    String createBreadcrumb(Map<String, Object> body);
}
