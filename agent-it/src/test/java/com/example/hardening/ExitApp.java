package com.example.hardening;

import com.example.support.ChildApp;

import java.util.concurrent.CountDownLatch;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/** Leaves N events queued behind a listener that blocks forever, then returns from main. Args: N. */
public final class ExitApp {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        CountDownLatch never = new CountDownLatch(1);
        LocalEventBus.subscribe(Selector.all(), e -> {
            try {
                never.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }, SubscribeOptions.defaults().withName("stuck"));
        MemoryClient client = new MemoryClient();
        for (int i = 0; i < n; i++) {
            client.createBreadcrumb(Bodies.simple("exit " + i));
        }
        // the listener holds the first event; the others wait in its queue, not converted yet
        ChildApp.await(() -> App.sub("stuck").queueDepth() >= n - 1, 20_000);
        ChildApp.print("QUEUED", App.sub("stuck").queueDepth());
        ChildApp.print("MAIN_RETURNS", System.nanoTime());
    }
}
