package org.rcrt.localbus.agent.interception;

import java.util.Map;

/** Client shapes for {@link ClientWeaverTest}; public, so that a copy in another class loader can be called. */
public final class Shapes {
    private Shapes() {}

    public static class Plain {
        public String createBreadcrumb(Map<String, Object> body) {
            return "id-" + body;
        }
    }

    public static class Primitives {
        public long createBreadcrumb(long a, double b, int c, boolean d, char e, byte f, short g, float h) {
            return a + (long) b + c + (d ? 1 : 0) + e + f + g + (long) h;
        }
    }

    public static class Branchy {
        private final Object lock = new Object();

        public String createBreadcrumb(int n) {
            if (n < 0) {
                return "early";
            }
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += i;
            }
            String caught;
            try {
                if (n == 5) {
                    throw new IllegalStateException("five");
                }
                caught = "none";
            } catch (IllegalStateException e) {
                caught = "caught " + e.getMessage();
            } finally {
                sum += 0;
            }
            String word;
            synchronized (lock) {
                word = switch ((int) (sum % 3)) {
                    case 0 -> "zero";
                    case 1 -> "two";
                    default -> "other";
                };
            }
            return "loop " + sum + " " + caught + " switch-" + word;
        }
    }

    public static class LoopFirst {
        public int createBreadcrumb(int n) {
            while (true) {
                if (n-- < 0) {
                    return n;
                }
            }
        }
    }

    public static class Throwing {
        public static final RuntimeException FAILURE = new IllegalArgumentException("boom");

        public String createBreadcrumb(String body) {
            throw FAILURE;
        }
    }

    public static class StaticVoid {
        public static String LAST;

        public static void updateBreadcrumb(String id, String[] tags, long version) {
            LAST = id + " " + String.join(",", tags) + " " + version;
        }
    }

    public interface WithDefault {
        String send(Object body);

        default String createBreadcrumb(Object body) {
            return send(body);
        }
    }

    public static class Constructed {
        private final String prefix;

        public Constructed() {
            this.prefix = "built";
        }

        public String createBreadcrumb(String body) {
            return prefix + " " + body;
        }

        public String other(String body) {
            return "other " + body;
        }
    }

    public static class Implementing implements WithDefault {
        @Override
        public String send(Object body) {
            return "sent";
        }

        @Override
        public String createBreadcrumb(Object body) {
            return "created";
        }
    }

    public static class ImplementingAnApplicationInterface implements com.example.clients.BreadcrumbApi {
        @Override
        public String createBreadcrumb(Map<String, Object> body) {
            return "created";
        }
    }

    public static class Unrelated {
        public String send(Object body) {
            return "x";
        }
    }
}
