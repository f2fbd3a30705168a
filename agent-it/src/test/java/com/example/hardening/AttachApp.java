package com.example.hardening;

import com.example.support.ChildApp;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Started without the agent: loads and uses its client, prints its pid, waits for a line on stdin (the test attaches
 * the agent meanwhile), then subscribes — the first touch of the bus — and creates breadcrumbs. Args: N.
 */
public final class AttachApp {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        MemoryClient client = new MemoryClient();
        client.createBreadcrumb(Bodies.simple("before attach")); // the class is loaded and its method has run
        ChildApp.print("PID", ProcessHandle.current().pid());
        ChildApp.print("READY", true);
        String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
        ChildApp.print("GOT", line);
        RoundTrip.run(client, n, "after attach"); // its own class: the bus classes are loaded only now
        ChildApp.print("DONE", true);
    }
}
