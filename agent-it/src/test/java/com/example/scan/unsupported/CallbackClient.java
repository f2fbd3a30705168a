package com.example.scan.unsupported;

import java.util.Map;

/** An okhttp-gson-style async client: the id goes to the callback, later. */
public class CallbackClient {
    public void createBreadcrumb(Map<String, Object> body, ResultCallback callback) {
        new Thread(() -> callback.onResult("id-1")).start();
    }
}
