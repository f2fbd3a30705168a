package com.example.http;

import java.net.URI;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Creates one breadcrumb through an ordinary HTTP client and returns from {@code main} at once. Its listener takes
 * a while (as real work does) and prints the event: the line appears only if JVM exit delivers what was queued.
 * Args: the RCRT base URL.
 */
public final class ExitAfterCreateApp {
    public static void main(String[] args) throws Exception {
        LocalEventBus.subscribe(Selector.all(), e -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            System.out.println("EVENT " + e.breadcrumbId());
        });
        EdgeApp.HttpRcrtClient client = new EdgeApp.HttpRcrtClient(URI.create(args[0]));
        client.createBreadcrumb("{\"schema_name\":\"edge.v1\",\"title\":\"exit\",\"tags\":[],\"context\":{}}", "ok", null);
        System.out.println("MAIN_RETURNS");
    }

    private ExitAfterCreateApp() {}
}
