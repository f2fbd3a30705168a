package org.rcrt.localbus.agent.jmx;

import java.util.List;
import java.util.Map;

/** The bus's figures over JMX, as {@code org.rcrt.localbus:type=LocalEventBus}. */
public interface LocalEventBusMXBean {
    /** The agent's version. */
    String getVersion();

    /** Every configuration key with the value in force and where it came from. */
    Map<String, String> getConfiguration();

    /** The last WARN and ERROR lines the agent logged, oldest first (at most 20). */
    List<String> getLastProblems();

    long getPublished();

    long getDelivered();

    long getDropped();

    long getListenerErrors();

    long getDuplicatesSkipped();

    int getQueuedEvents();

    /** One line per subscription: name, selector, queue depth and counters. */
    List<String> getSubscriptions();

    /** The agent's own counters: intercepted calls, conversion problems, sinks... */
    Map<String, Long> getCounters();
}
