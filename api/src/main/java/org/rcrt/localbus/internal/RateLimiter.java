package org.rcrt.localbus.internal;

import java.util.concurrent.ConcurrentHashMap;

/** Lets one message per key through per period, so a failing listener can't flood the host's log. */
public final class RateLimiter {
    private static final int MAX_KEYS = 1024;
    private final long periodNanos;
    private final ConcurrentHashMap<String, Long> lastAllowed = new ConcurrentHashMap<>();

    public RateLimiter(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    public boolean allow(String key) {
        long now = System.nanoTime();
        Long last = lastAllowed.get(key);
        if (last != null && now - last < periodNanos) {
            return false;
        }
        if (lastAllowed.size() >= MAX_KEYS) {
            lastAllowed.clear(); // bounded memory beats perfect rate limiting
        }
        return last == null ? lastAllowed.putIfAbsent(key, now) == null : lastAllowed.replace(key, last, now);
    }
}
