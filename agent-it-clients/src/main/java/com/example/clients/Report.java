package com.example.clients;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a client application tells the test what happened, one line each: {@code RESULT <case> <value>} for a call
 * that returned, {@code ERROR <case> <exception>} for one that threw, {@code EVENT <json>} for each local event it
 * received, then {@code DONE}. It never prints a stack trace, so any stack trace in the output is someone else's.
 */
public final class Report {
    /** What a call returned, made into one line by the application (each library returns its own types). */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    private final AtomicInteger events = new AtomicInteger();

    public static synchronized void line(String text) {
        System.out.println(text.replace('\n', ' ').replace('\r', ' '));
    }

    public void event(String json) {
        line("EVENT " + json);
        events.incrementAndGet();
    }

    /** Runs one case; returns what the call returned, or null when it threw. */
    public <T> T call(String caseName, Call<T> call) {
        try {
            T result = call.call();
            line("RESULT " + caseName + " " + String.valueOf(result));
            return result;
        } catch (Exception e) {
            line("ERROR " + caseName + " " + describe(e));
            return null;
        }
    }

    /** The exception as the application sees it: its class, its first message line, and the same for its cause. */
    public static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getName());
        String m = t.getMessage();
        if (m != null) {
            b.append(": ").append(m.lines().findFirst().orElse(""));
        }
        if (t.getCause() != null && t.getCause() != t) {
            b.append(" caused by ").append(t.getCause().getClass().getName());
        }
        return b.toString();
    }

    /**
     * Waits until {@code expected} events arrived (at most 5 s), then a little longer, so an event too many is
     * seen too; with {@code expected == 0} (a run without the agent) it does not wait at all.
     */
    public void finish(int expected) throws InterruptedException {
        if (expected > 0) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (events.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
        }
        line("DONE");
    }
}
