package org.rcrt.localbus.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per breadcrumb id, the highest version delivered to one consumer, so that a copy arriving by the
 * other lane (or a replay, or an older state) is recognised as a duplicate.
 *
 * <p>A delivery is <em>claimed</em> before the consumer runs and <em>completed</em> after: a claim that ends in
 * failure is rolled back, so another copy still gets through (nothing is lost). Nothing here ever waits: the lock
 * is held for bookkeeping only, never while a consumer runs. A copy that arrives while a claim covering it is in
 * flight is {@link Verdict#DEFERRED}: the caller skips it for now, and the window keeps its redelivery, which
 * {@link #complete} hands back if that claim fails. A newer version than every claim in flight is delivered at
 * once, so that a consumer's own nested call (a listener updating the breadcrumb it handles) never waits on
 * itself.
 *
 * <p>Memory is bounded by entry count and by entry age; the oldest entries go first.
 */
public final class DedupeWindow {
    /** What a claim tells the caller to do with its copy. */
    public enum Verdict {
        /** Deliver it now, then {@link #complete} the claim. */
        DELIVER,
        /** Skip it: this version or a newer one was delivered. */
        DUPLICATE,
        /** Skip it for now: a claim covering it is in flight; its redelivery comes back if that claim fails. */
        DEFERRED
    }

    /** Copies kept per id while claims are in flight; beyond that a copy is delivered at once rather than lost. */
    private static final int MAX_DEFERRED = 8;
    private static final long[] NONE = new long[0];

    private final int maxEntries;
    private final long maxAgeNanos;
    /** Insertion order = update order (entries are re-inserted on update), so the head is the oldest. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public DedupeWindow(int maxEntries, long maxAgeNanos) {
        if (maxEntries < 1 || maxAgeNanos < 1) {
            throw new IllegalArgumentException("dedupe window needs a positive size and age");
        }
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAgeNanos;
    }

    private record Deferred(long version, Runnable redelivery) {}

    private static final class Entry {
        long confirmed = -1;     // highest version whose delivery succeeded
        long[] inFlight = NONE;  // versions being delivered now (usually none or one)
        List<Deferred> deferred; // copies waiting for the outcome of a claim in flight, or null
        long touchedNanos;

        long newestInFlight() {
            long max = 0;
            for (long v : inFlight) {
                max = Math.max(max, v);
            }
            return max;
        }

        boolean busy() {
            return inFlight.length > 0;
        }

        void removeInFlight(long version) {
            for (int i = 0; i < inFlight.length; i++) {
                if (inFlight[i] == version) {
                    long[] rest = new long[inFlight.length - 1];
                    System.arraycopy(inFlight, 0, rest, 0, i);
                    System.arraycopy(inFlight, i + 1, rest, i, rest.length - i);
                    inFlight = rest;
                    return;
                }
            }
        }
    }

    /**
     * Claims {@code (id, version)} for delivery; never waits.
     *
     * @param redelivery what delivers this same copy again; kept when the verdict is {@link Verdict#DEFERRED}
     */
    public synchronized Verdict claim(String id, long version, Runnable redelivery) {
        long now = System.nanoTime();
        Entry e = entries.get(id);
        if (e != null && e.confirmed >= version) {
            return Verdict.DUPLICATE;
        }
        if (e != null && version <= e.newestInFlight()) {
            if (e.deferred == null) {
                e.deferred = new ArrayList<>(2);
            }
            for (Deferred d : e.deferred) {
                if (d.version() == version) {
                    return Verdict.DEFERRED; // a replay of a copy already kept
                }
            }
            if (e.deferred.size() < MAX_DEFERRED) {
                e.deferred.add(new Deferred(version, redelivery));
                return Verdict.DEFERRED;
            }
            // no room to keep it: deliver it (at least once) rather than risk losing it
        }
        if (e == null) {
            e = new Entry();
        } else {
            entries.remove(id); // re-inserted below: the map's order is the order of last use
        }
        long[] inFlight = new long[e.inFlight.length + 1];
        System.arraycopy(e.inFlight, 0, inFlight, 0, e.inFlight.length);
        inFlight[e.inFlight.length] = version;
        e.inFlight = inFlight;
        e.touchedNanos = now;
        entries.put(id, e);
        evict(now);
        return Verdict.DELIVER;
    }

    /**
     * Ends a claim: on success the version counts as delivered and the copies it covered are dropped as duplicates;
     * on failure it doesn't count, and the copies no claim in flight covers any longer are returned: the caller
     * must run them (each runs through {@link #claim} again).
     */
    public synchronized List<Runnable> complete(String id, long version, boolean success) {
        Entry e = entries.get(id);
        if (e == null) {
            return List.of();
        }
        e.removeInFlight(version);
        if (success) {
            e.confirmed = Math.max(e.confirmed, version);
        }
        List<Runnable> released = List.of();
        if (e.deferred != null) {
            long covered = e.newestInFlight();
            released = new ArrayList<>();
            for (Iterator<Deferred> it = e.deferred.iterator(); it.hasNext(); ) {
                Deferred d = it.next();
                if (d.version() <= e.confirmed) {
                    it.remove();
                } else if (d.version() > covered) {
                    it.remove();
                    released.add(d.redelivery());
                }
            }
            if (e.deferred.isEmpty()) {
                e.deferred = null;
            }
        }
        if (e.confirmed < 0 && !e.busy() && e.deferred == null) {
            entries.remove(id);
        }
        return released;
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
            if ((head.busy() || head.deferred != null) && !tooMany) {
                return;
            }
            it.remove();
        }
    }
}
