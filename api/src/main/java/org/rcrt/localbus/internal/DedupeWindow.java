package org.rcrt.localbus.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per breadcrumb id, the highest version delivered to one consumer, so that a copy arriving by the
 * other lane (or a replay, or an older state) is recognised as a duplicate.
 *
 * <p>A delivery is <em>claimed</em> before the consumer runs and <em>completed</em> after: a claim that ends in
 * failure is rolled back, so the copy from the other lane still gets through (nothing is lost). A copy arriving
 * while a claim is in flight waits for its outcome (bounded by {@code inFlightWait}) instead of racing it.
 *
 * <p>Memory is bounded by entry count and by entry age; the oldest entries go first.
 */
public final class DedupeWindow {
    private final int maxEntries;
    private final long maxAgeNanos;
    private final long inFlightWaitNanos;
    /** Insertion order = update order (entries are re-inserted on update), so the head is the oldest. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public DedupeWindow(int maxEntries, long maxAgeNanos, long inFlightWaitNanos) {
        if (maxEntries < 1 || maxAgeNanos < 1) {
            throw new IllegalArgumentException("dedupe window needs a positive size and age");
        }
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAgeNanos;
        this.inFlightWaitNanos = Math.max(0, inFlightWaitNanos);
    }

    private static final class Entry {
        long confirmed = -1; // highest version whose delivery succeeded
        long inFlight;       // version being delivered now, 0 when none: one delivery per id at a time
        long touchedNanos;
    }

    /**
     * Claims {@code (id, version)} for delivery. While another delivery of the same id is in flight this waits for
     * its outcome (bounded), so two lanes never run the same breadcrumb at once.
     *
     * @return true when the caller should deliver (and must then call {@link #complete}); false for a duplicate
     */
    public synchronized boolean claim(String id, long version) {
        long deadline = System.nanoTime() + inFlightWaitNanos;
        Entry e = entries.get(id);
        while (e != null && e.inFlight != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false; // still running elsewhere: assume it succeeds rather than running twice
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
            e = entries.get(id);
        }
        long now = System.nanoTime();
        if (e != null && e.confirmed >= version) {
            return false;
        }
        if (e == null) {
            e = new Entry();
        } else {
            entries.remove(id); // re-inserted below: the map's order is the order of last use
        }
        e.inFlight = version;
        e.touchedNanos = now;
        entries.put(id, e);
        evict(now);
        return true;
    }

    /** Ends a claim: on success the version counts as delivered; on failure it doesn't, so another copy may run. */
    public synchronized void complete(String id, long version, boolean success) {
        Entry e = entries.get(id);
        if (e != null && e.inFlight == version) {
            e.inFlight = 0;
            if (success) {
                e.confirmed = Math.max(e.confirmed, version);
            } else if (e.confirmed < 0) {
                entries.remove(id);
            }
        }
        notifyAll();
    }

    /** Whether {@code version} (or a newer one) of {@code id} has been delivered successfully. */
    public synchronized boolean seen(String id, long version) {
        Entry e = entries.get(id);
        return e != null && System.nanoTime() - e.touchedNanos <= maxAgeNanos && e.confirmed >= version;
    }

    /** Records a successful delivery without the claim protocol. */
    public synchronized void markSeen(String id, long version) {
        Entry e = entries.get(id);
        if (e != null && e.confirmed >= version) {
            return;
        }
        long now = System.nanoTime();
        if (e == null) {
            e = new Entry();
        } else {
            entries.remove(id);
        }
        e.confirmed = version;
        e.touchedNanos = now;
        entries.put(id, e);
        evict(now);
    }

    public synchronized int size() {
        return entries.size();
    }

    private void evict(long now) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry head = it.next().getValue();
            boolean tooMany = entries.size() > maxEntries;
            boolean tooOld = now - head.touchedNanos > maxAgeNanos;
            if (!tooMany && !tooOld) {
                return;
            }
            if (head.inFlight != 0 && !tooMany) {
                return;
            }
            it.remove();
        }
    }
}
