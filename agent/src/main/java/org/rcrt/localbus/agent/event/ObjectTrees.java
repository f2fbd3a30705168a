package org.rcrt.localbus.agent.event;

import org.rcrt.localbus.agent.logging.AgentLog;

/** {@link ObjectTree} for the agent's other packages: the same bounded conversion, answering null when it can't. */
public final class ObjectTrees {
    private static final OncePerKey PROBLEMS = new OncePerKey(AgentLog.get());

    private ObjectTrees() {}

    /** The value as a JDK tree (JSON text parsed), or {@code null} when it is beyond the caps or not convertible. */
    public static Object convertOrNull(Object value) {
        try {
            if (value instanceof String text) { // not any CharSequence: an application's own one is read by field
                return ObjectTree.looksLikeJson(text) ? ObjectTree.parseJson(text, PROBLEMS) : null;
            }
            return ObjectTree.of(value, PROBLEMS);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }
}
