package org.rcrt.localbus.agent.logging;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last WARN and ERROR lines the agent logged, whatever the log level lets through to stderr, so that
 * {@code status} can show them long after start-up. Bounded; the lines carry no breadcrumb content, as every
 * WARN the agent writes describes values by type and size only.
 */
public final class RecentProblems {
    static final int KEPT = 20;
    private static final ArrayDeque<String> LINES = new ArrayDeque<>(KEPT);

    private RecentProblems() {}

    static void add(String line) {
        synchronized (LINES) {
            if (LINES.size() == KEPT) {
                LINES.removeFirst();
            }
            LINES.addLast(line);
        }
    }

    /** Oldest first. */
    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }
}
