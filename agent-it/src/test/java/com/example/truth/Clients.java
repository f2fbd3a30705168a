package com.example.truth;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** Ordinary RCRT client shapes, as real runners write them, for the truth suite. */
final class Clients {
    private Clients() {}

    /** A plain client holding its bearer token. */
    static class TokenClient {
        private final String authorization;

        TokenClient(String token) {
            this.authorization = "Bearer " + token;
        }

        public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
            return MemoryRcrt.SERVER.create(body);
        }

        /** The overload most callers use: no version, delegates to the one that has it. */
        public Map<String, Object> updateBreadcrumb(String id, Map<String, Object> patch) {
            return updateBreadcrumb(id, patch, (Long) null);
        }

        public Map<String, Object> updateBreadcrumb(String id, Map<String, Object> patch, Long ifMatch) {
            return MemoryRcrt.SERVER.patch(id, ifMatch);
        }

        /** A number that is a timeout, not a version. */
        public Map<String, Object> updateBreadcrumb(String id, Map<String, Object> patch, int timeoutMs) {
            return MemoryRcrt.SERVER.patch(id, null);
        }
    }

    /** Routes each create to one tenant's client; holds both. */
    static class TenantRouter {
        private final TokenClient tenantA;
        private final TokenClient tenantB;

        TenantRouter(TokenClient tenantA, TokenClient tenantB) {
            this.tenantA = tenantA;
            this.tenantB = tenantB;
        }

        public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
            return ("b".equals(body.get("title")) ? tenantB : tenantA).createBreadcrumb(body);
        }
    }

    /**
     * What a CGLIB proxy of a client looks like: a subclass whose own fields are never initialised (its constructor
     * is not the client's), delegating every call to the real bean.
     */
    static class ProxiedClient extends TokenClient {
        private final TokenClient target;

        ProxiedClient(TokenClient target) {
            super("not-a-token");
            this.target = target;
            nullOutTokenAsCglibWould();
        }

        private void nullOutTokenAsCglibWould() {
            try {
                java.lang.reflect.Field f = TokenClient.class.getDeclaredField("authorization");
                f.setAccessible(true);
                f.set(this, null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
            return target.createBreadcrumb(body);
        }
    }

    /** A wrapper that runs the real client on another thread and waits for it. */
    static class AsyncWrapper {
        private final TokenClient inner;
        private final ExecutorService pool;

        AsyncWrapper(TokenClient inner, ExecutorService pool) {
            this.inner = inner;
            this.pool = pool;
        }

        public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
            return CompletableFuture.supplyAsync(() -> inner.createBreadcrumb(body), pool).join();
        }
    }

    /** A client whose server refuses every create (a 503 the HTTP layer turned into an exception). */
    static class RefusedClient extends TokenClient {
        RefusedClient(String token) {
            super(token);
        }

        @Override
        public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
            throw new IllegalStateException("503: try again later");
        }
    }

    /**
     * A wrapper that runs the real client on another thread and answers with a placeholder when that call failed
     * (a resilience library's fallback): nothing was created, so nothing is an event.
     */
    static class AsyncFallbackWrapper {
        private final TokenClient inner;
        private final ExecutorService pool;

        AsyncFallbackWrapper(TokenClient inner, ExecutorService pool) {
            this.inner = inner;
            this.pool = pool;
        }

        public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
            try {
                return CompletableFuture.supplyAsync(() -> inner.createBreadcrumb(body), pool).join();
            } catch (java.util.concurrent.CompletionException failed) {
                return Map.of("id", "fallback-not-created");
            }
        }
    }

    /** A web UI's navigation crumbs: a method of the same name that has nothing to do with RCRT. */
    static class NavigationTrail {
        private final java.util.List<String> trail = new java.util.ArrayList<>();

        public String createBreadcrumb(String path) {
            trail.add(path);
            return "crumb-" + trail.size();
        }
    }
}
