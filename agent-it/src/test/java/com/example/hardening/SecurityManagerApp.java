package com.example.hardening;

import com.example.support.ChildApp;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Runs under a security manager (JDK 17): either the one the JVM was started with, or, with the argument
 * {@code install}, one it installs itself after the agent started. Only then does it load its client class and
 * create N breadcrumbs. Args: install|given N.
 */
public final class SecurityManagerApp {
    @SuppressWarnings("removal")
    public static void main(String[] args) {
        if (args[0].equals("install")) {
            System.setSecurityManager(new SecurityManager());
        }
        ChildApp.print("SECURITY_MANAGER", System.getSecurityManager() != null);
        SecuredSide.run(Integer.parseInt(args[1]));
        ChildApp.print("DONE", true);
    }

    /** Kept apart so that the client class is loaded only now, under the security manager. */
    static final class SecuredSide {
        static void run(int n) {
            List<String> received = new CopyOnWriteArrayList<>();
            LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()));
            LateClient client = new LateClient();
            List<String> ids = new CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(client.createBreadcrumb(Bodies.simple("secured " + i)));
            }
            ChildApp.await(() -> received.containsAll(ids), 10_000);
            ChildApp.print("SHARED", LocalEventBus.isShared());
            ChildApp.print("CREATED", ids.size());
            ChildApp.print("RECEIVED", received.size());
            ChildApp.print("ALL_RECEIVED", received.containsAll(ids));
        }
    }

    /** A client class nothing loads before the security manager is in place. */
    public static final class LateClient extends MemoryClient {
        @Override
        public String createBreadcrumb(java.util.Map<String, Object> body) {
            return super.createBreadcrumb(body);
        }
    }
}
