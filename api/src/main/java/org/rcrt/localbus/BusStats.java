package org.rcrt.localbus;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the bus's counters since the process started.
 *
 * @param published     events handed to {@link LocalEventBus#publish} (by hand or by the agent)
 * @param delivered     listener calls that returned normally, over all subscriptions
 * @param dropped       deliveries given up because a subscriber's queue was full
 * @param listenerErrors listener calls that threw
 * @param duplicatesSkipped deliveries skipped by dedupe
 * @param subscriptions one entry per active subscription
 * @param counters      further named counters of the agent (intercepted calls, conversion failures...), may be empty
 */
public record BusStats(long published, long delivered, long dropped, long listenerErrors, long duplicatesSkipped,
                       List<SubscriptionStats> subscriptions, Map<String, Long> counters) {

    public BusStats {
        subscriptions = List.copyOf(subscriptions);
        counters = Map.copyOf(counters);
    }

    /** One subscription's figures; {@code queueDepth} is the number of events waiting for its listener now. */
    public record SubscriptionStats(String name, String selector, int queueDepth, int queueCapacity, long delivered,
                                    long dropped, long listenerErrors, long duplicatesSkipped) {}
}
