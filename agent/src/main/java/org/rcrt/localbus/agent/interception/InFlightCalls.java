package org.rcrt.localbus.agent.interception;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.rcrt.localbus.agent.event.CallCapture;

/**
 * The application calls in progress whose arguments include a mutable object (a body map, a DTO): when another
 * thread calls an intercepted method with that very object while the first call is still in progress — a wrapper
 * running the real client in an executor, {@code supplyAsync(() -> inner.createBreadcrumb(body))} — the second call
 * is work done <em>for</em> the first, and joins its chain instead of making a second event.
 *
 * <p>Identity, not equality, and only for body objects, which two independent calls would not share by accident
 * (not strings, clients, callbacks). A fixed number of slots bounds memory and the cost of a lookup; when they
 * are all taken, a call is simply not registered (its inner calls on other threads then make their own events, as
 * they would without this).
 */
final class InFlightCalls {
    private static final int SLOTS = 32;

    private record Entry(Thread thread, Object[] args, CallTracker.Chain chain) {}

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    void register(Object[] args, CallTracker.Chain chain) {
        if (!hasShareable(args)) {
            return;
        }
        Entry entry = new Entry(Thread.currentThread(), args, chain);
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, entry)) {
                return;
            }
        }
    }

    void deregister(CallTracker.Chain chain) {
        for (int i = 0; i < SLOTS; i++) {
            Entry e = slots.get(i);
            if (e != null && e.chain() == chain) {
                slots.compareAndSet(i, e, null);
                return;
            }
        }
    }

    /** The chain of a call in progress on another thread that passed one of these very objects, or {@code null}. */
    CallTracker.Chain callSharingArguments(Object[] args) {
        if (!hasShareable(args)) {
            return null;
        }
        Thread me = Thread.currentThread();
        for (int i = 0; i < SLOTS; i++) {
            Entry e = slots.get(i);
            if (e != null && e.thread() != me && sharesObject(e.args(), args)) {
                return e.chain();
            }
        }
        return null;
    }

    private static boolean sharesObject(Object[] a, Object[] b) {
        for (Object x : a) {
            if (shareable(x)) {
                for (Object y : b) {
                    if (x == y) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasShareable(Object[] args) {
        for (Object a : args) {
            if (shareable(a)) {
                return true;
            }
        }
        return false;
    }

    /** A body object (a map, a DTO): what a wrapper hands on to the real client, and nothing shared by accident. */
    private static boolean shareable(Object o) {
        return o != null && !(o instanceof String) && CallCapture.mayBeBody(o);
    }
}
