package org.rcrt.localbus.agent.event;

import org.rcrt.localbus.internal.InProcessBus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Logs a WARN the first time a kind of problem occurs (per key: method, type, kind of bad input) and only counts it
 * afterwards, so a misbehaving client can't flood the host's log. Never logs breadcrumb contents.
 */
public final class OncePerKey {
    private static final int MAX_KEYS = 4096;
    private final AgentLog log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final LongAdder occurrences = new LongAdder();

    public OncePerKey(AgentLog log) {
        this.log = log;
    }

    public void warn(String key, String message) {
        occurrences.increment();
        if (warned.size() < MAX_KEYS && warned.add(key)) {
            log.warn("{} (logged once; later occurrences are only counted)", message);
        }
    }

    /** {@code agent.inputProblems}: every occurrence, logged or not. */
    public void registerCounter(InProcessBus bus) {
        bus.registerCounter("agent.inputProblems", occurrences);
    }

    public long occurrences() {
        return occurrences.sum();
    }
}
