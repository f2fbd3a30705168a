package com.example.hardening;

import com.example.support.ChildApp;

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
            RoundTrip.run(new LateClient(), n, "secured");
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
