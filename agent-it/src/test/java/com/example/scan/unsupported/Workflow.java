package com.example.scan.unsupported;

import java.util.Map;

/** Calls a client, declares none of its methods: not a client, whatever its constant pool mentions. */
public class Workflow {
    public void run(FireAndForgetClient client) {
        client.createBreadcrumb(Map.of("title", "x"));
    }
}
