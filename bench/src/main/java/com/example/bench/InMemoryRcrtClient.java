package com.example.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An RCRT client whose body is in memory (no HTTP): it allocates an id, keeps the draft in a ring, and answers the
 * created record. The agent instruments {@link #createBreadcrumb}; {@link #storeBreadcrumb} runs the very same body
 * under a name the agent does not intercept, for the comparison lanes (Guava, ArrayBlockingQueue) that hand the
 * event over themselves.
 *
 * <p>It sits in {@code com.example.bench} on purpose: the agent never instruments {@code org.rcrt.localbus.*}.
 * Its n-th call creates {@code idOf(n)}, counting from 1.
 */
public final class InMemoryRcrtClient {
    private static final int RING = 1 << 16;

    private final AtomicLong sequence = new AtomicLong();
    private final BreadcrumbDraft[] stored = new BreadcrumbDraft[RING];

    public CreatedBreadcrumb createBreadcrumb(BreadcrumbDraft draft) {
        return body(draft);
    }

    public CreatedBreadcrumb storeBreadcrumb(BreadcrumbDraft draft) {
        return body(draft);
    }

    private CreatedBreadcrumb body(BreadcrumbDraft draft) {
        long seq = sequence.incrementAndGet();
        stored[(int) (seq & (RING - 1))] = draft;
        return new CreatedBreadcrumb(idOf(seq), 1);
    }

    public static String idOf(long seq) {
        return "bc-" + seq;
    }

    public static long seqOf(String id) {
        return Long.parseLong(id, 3, id.length(), 10);
    }
}
