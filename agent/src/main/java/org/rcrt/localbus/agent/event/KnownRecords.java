package org.rcrt.localbus.agent.event;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rcrt.localbus.internal.Json;

/**
 * The breadcrumbs this process created or updated, as far as it knows them, so that an update's event can carry
 * the record's full fields (RCRT applies a PATCH field by field: each sent top-level field replaces the stored
 * one). Bounded by entry count and by the heap the records hold (as {@link ObjectTree#footprint} estimates it); the
 * least recently used go first.
 *
 * <p>A record is known <em>exactly</em> at version {@code base + oursSince}: {@code base} is the last version the
 * agent knew for sure (1 at create, {@code k + 1} after an update with If-Match {@code k}), {@code oursSince} the
 * updates made here since without an If-Match. An update with If-Match {@code k == base + oursSince} proves that
 * nobody else changed the record in between (versions only ever grow by one per PATCH), so its merged content is
 * exact; any other update is not known to be exact.
 */
final class KnownRecords {
    static final int MAX_ENTRIES = 10_000;
    /**
     * Heap held by the records, estimated: 4 MiB, a few thousand typical breadcrumbs. It is the agent's largest
     * retained structure, so it is kept small: the live set a host's collector copies and scans stays small too.
     */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    /** A record heavier than this is not remembered: its updates are then not known to be exact. */
    private static final int MAX_RECORD_BYTES = 128 * 1024;

    /** What an update's event can say: its version (0 unknown), its record and whether both are exact. */
    record Merged(long version, Map<String, Object> record, boolean exact) {}

    private static final class State {
        final long base;
        final int oursSince;
        final Map<String, Object> record;
        final long bytes;

        State(long base, int oursSince, Map<String, Object> record, long bytes) {
            this.base = base;
            this.oursSince = oursSince;
            this.record = record;
            this.bytes = bytes;
        }
    }

    private final LinkedHashMap<String, State> byId = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** A create succeeded: the record is its body, at version 1. */
    synchronized void created(String id, Map<String, Object> body, long bodyBytes) {
        put(id, new State(1, 0, body, bodyBytes));
    }

    /** An update succeeded with {@code patch} and If-Match {@code ifMatch} (0: none); what its event can say. */
    synchronized Merged updated(String id, Map<String, Object> patch, long patchBytes, long ifMatch) {
        State known = byId.get(id);
        Map<String, Object> record = known == null ? patch : merge(known.record, patch);
        long weight = known == null ? patchBytes : known.bytes + patchBytes; // an upper bound: replaced fields still count
        if (ifMatch > 0) {
            boolean exact = known != null && known.base + known.oursSince == ifMatch;
            if (exact) {
                put(id, new State(ifMatch + 1, 0, record, weight));
            } else {
                remove(id); // the version is known now, the content is not
            }
            return new Merged(ifMatch + 1, record, exact);
        }
        if (known != null) {
            put(id, new State(known.base, known.oursSince + 1, record, weight));
        }
        return new Merged(0, record, false);
    }

    synchronized int size() {
        return byId.size();
    }

    private static Map<String, Object> merge(Map<String, Object> record, Map<String, Object> patch) {
        Map<String, Object> merged = new LinkedHashMap<>(record);
        merged.putAll(patch);
        return Json.adoptFrozen(merged);
    }

    private void put(String id, State state) {
        if (state.bytes > MAX_RECORD_BYTES) {
            remove(id);
            return;
        }
        State old = byId.put(id, state); // one lookup: a create's id is new, an update's replaces its record
        if (old != null) {
            bytes -= old.bytes;
        }
        bytes += state.bytes;
        if (byId.size() > MAX_ENTRIES || bytes > MAX_BYTES) {
            for (Iterator<State> it = byId.values().iterator(); it.hasNext() && (byId.size() > MAX_ENTRIES || bytes > MAX_BYTES); ) {
                bytes -= it.next().bytes;
                it.remove();
            }
        }
    }

    private void remove(String id) {
        State old = byId.remove(id);
        if (old != null) {
            bytes -= old.bytes;
        }
    }
}
