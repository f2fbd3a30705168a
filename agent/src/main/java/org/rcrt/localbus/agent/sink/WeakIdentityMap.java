package org.rcrt.localbus.agent.sink;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map keyed by object identity that holds its keys weakly: a sink instance the application drops
 * can be collected even though the agent remembers it. Identity, not {@code equals}, because two equal
 * EventBridge instances are still two subscribers.
 */
final class WeakIdentityMap<V> {
    private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Key k)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == k.get();
        }
    }

    V get(Object key) {
        expunge();
        return map.get(new Key(key, null));
    }

    /** Adds the entry unless the key is present; returns the value now mapped. */
    V putIfAbsent(Object key, V value) {
        expunge();
        V previous = map.putIfAbsent(new Key(key, cleared), value);
        return previous != null ? previous : value;
    }

    private void expunge() {
        for (Object k; (k = cleared.poll()) != null; ) {
            map.remove(k);
        }
    }
}
