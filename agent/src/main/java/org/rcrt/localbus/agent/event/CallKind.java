package org.rcrt.localbus.agent.event;

/** What an intercepted method does to a breadcrumb. */
public enum CallKind {
    CREATE,
    UPDATE
}
