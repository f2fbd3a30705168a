package org.rcrt.devserver;

import java.time.Duration;
import java.util.function.BooleanSupplier;

final class ServerFixture {

    private ServerFixture() {
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Opens a stream and waits until the server has registered it, so no event can slip past it. */
    static SseClient connectAndWait(RcrtDevServer server, ApiClient client) throws Exception {
        int before = server.openStreams();
        SseClient sse = SseClient.connect(client);
        await(() -> server.openStreams() > before, Duration.ofSeconds(5), "stream registration");
        return sse;
    }
}
