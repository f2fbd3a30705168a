package com.example.hardening;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** RCRT clients that pass or return bad input; each kind is its own class so that each WARN is told apart. */
public final class BadClients {
    private BadClients() {}

    /** Bodies as JSON text: malformed, deeply nested, 10 MB... */
    public static class JsonTextClient {
        public String createBreadcrumb(String bodyJson) {
            return UUID.randomUUID().toString();
        }
    }

    public static class BigBodyClient {
        public String createBreadcrumb(String bodyJson) {
            return UUID.randomUUID().toString();
        }
    }

    public static class DeepClient {
        public String createBreadcrumb(Map<String, Object> body) {
            return UUID.randomUUID().toString();
        }
    }

    public static class HugeListClient {
        public String createBreadcrumb(Map<String, Object> body) {
            return UUID.randomUUID().toString();
        }
    }

    public static class CyclicClient {
        public String createBreadcrumb(CyclicNode body) {
            return UUID.randomUUID().toString();
        }
    }

    public static class NullBodyClient {
        public String createBreadcrumb(Map<String, Object> body) {
            return UUID.randomUUID().toString();
        }

        public String updateBreadcrumb(String id, Map<String, Object> patch) {
            return null;
        }
    }

    public static class NotJsonReturnClient {
        public String createBreadcrumb(Map<String, Object> body) {
            return "not json {";
        }
    }

    public static class IntegerReturnClient {
        public Object createBreadcrumb(Map<String, Object> body) {
            return Integer.valueOf(42);
        }
    }

    public static class NullReturnClient {
        public String createBreadcrumb(Map<String, Object> body) {
            return null;
        }
    }

    public static class ThrowingGetterClient {
        public String createBreadcrumb(ThrowingBody body) {
            return UUID.randomUUID().toString();
        }
    }

    /** A bean whose getters form a cycle. */
    public static class CyclicNode {
        private final String title;
        private CyclicNode next;

        public CyclicNode(String title) {
            this.title = title;
        }

        public String getTitle() {
            return title;
        }

        public CyclicNode getNext() {
            return next;
        }

        public void setNext(CyclicNode next) {
            this.next = next;
        }
    }

    /** A bean whose context getter throws. */
    public static class ThrowingBody {
        private final String secret;

        public ThrowingBody(String secret) {
            this.secret = secret;
        }

        public String getTitle() {
            return "throwing body";
        }

        public List<String> getTags() {
            return List.of("bad");
        }

        public Map<String, Object> getContext() {
            throw new IllegalStateException("context unavailable: " + secret);
        }
    }
}
