package org.rcrt.localbus.agent.event;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Logs a WARN the first time a kind of problem occurs (per key: method, type, kind of bad input) and only counts it
 * afterwards, so a misbehaving client can't flood the host's log. Never logs breadcrumb contents.
 */
public final class OncePerKey {
    private static final int MAX_KEYS = 4096;
    private final Logger log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final LongAdder occurrences = new LongAdder();

    public OncePerKey(Logger log) {
        this.log = log;
    }

    public void warn(String key, String message) {
        occurrences.increment();
        if (warned.size() < MAX_KEYS && warned.add(key)) {
            log.warn("{} (logged once; later occurrences are only counted)", message);
        }
    }

    public long occurrences() {
        return occurrences.sum();
    }
}
