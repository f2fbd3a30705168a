package com.example.hardening;

import com.example.support.ChildApp;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Calls a client at every level of a recursion until the thread's stack overflows, many times, at different
 * depths: somewhere the overflow hits the woven code itself. Afterwards the same thread's ordinary call must still
 * be an event of its own. Prints {@code OVERFLOWS}, {@code EVENT_AFTER} (true/false), {@code DONE}.
 */
public final class DeepStackApp {
    private static final Map<String, Object> REJECT = Map.of("reject", true);

    private DeepStackApp() {}

    /** A client whose create is refused for a marked body (no event), like a 4xx. */
    public static final class DeepClient {
        public String createBreadcrumb(Map<String, Object> body) {
            if (body.containsKey("reject")) {
                throw Rejected.INSTANCE;
            }
            return UUID.randomUUID().toString();
        }
    }

    /** Preallocated and without a stack trace: thousands are thrown near the stack's limit. */
    static final class Rejected extends RuntimeException {
        static final Rejected INSTANCE = new Rejected();

        private Rejected() {
            super("rejected", null, false, false);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = Integer.parseInt(args[0]);
        CountDownLatch after = new CountDownLatch(1);
        LocalEventBus.subscribe(Selector.all(), e -> {
            if ("after".equals(e.context().get("label"))) {
                after.countDown();
            }
        });
        DeepClient client = new DeepClient();
        int overflows = 0;
        for (int round = 0; round < rounds; round++) {
            try {
                dive(client, round % 3, round % 7);
            } catch (StackOverflowError expectedOverflow) {
                overflows++;
            }
        }
        ChildApp.print("OVERFLOWS", overflows);
        client.createBreadcrumb(Map.of("title", "after", "context", Map.of("label", "after"),
                "tags", java.util.List.of("deep")));
        ChildApp.print("EVENT_AFTER", after.await(10, TimeUnit.SECONDS));
        ChildApp.print("DONE", true);
    }

    /**
     * Each level makes a refused call; {@code pad} picks one of levels of different frame sizes, so that from round
     * to round the overflow hits a different instruction: in the body, in the hook's calls, in the woven code.
     */
    private static long dive(DeepClient client, int depth, int pad) {
        try {
            client.createBreadcrumb(REJECT);
        } catch (Rejected refused) {
            // as an application would
        }
        return switch (pad) {
            case 0 -> dive(client, depth + 1, pad) + 1;
            case 1 -> wide1(client, depth, pad, 1L);
            case 2 -> wide2(client, depth, pad, 1L, 2L);
            case 3 -> wide3(client, depth, pad, 1L, 2L, 3L);
            case 4 -> wide1(client, depth, pad, 4L) + wide0(client);
            case 5 -> wide2(client, depth, pad, 5L, 6L) + wide0(client);
            default -> wide3(client, depth, pad, 7L, 8L, 9L) + wide0(client);
        };
    }

    private static long wide0(DeepClient client) {
        return client.hashCode() & 1;
    }

    private static long wide1(DeepClient client, int depth, int pad, long a) {
        return dive(client, depth + 1, pad) + a;
    }

    private static long wide2(DeepClient client, int depth, int pad, long a, long b) {
        return dive(client, depth + 1, pad) + a + b;
    }

    private static long wide3(DeepClient client, int depth, int pad, long a, long b, long c) {
        return dive(client, depth + 1, pad) + a + b + c;
    }
}
