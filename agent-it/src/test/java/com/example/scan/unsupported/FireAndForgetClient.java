package com.example.scan.unsupported;

import java.util.Map;

/** A create that returns nothing: there is no id to make an event of. */
public class FireAndForgetClient {
    public void createBreadcrumb(Map<String, Object> body) {
        body.size();
    }
}
