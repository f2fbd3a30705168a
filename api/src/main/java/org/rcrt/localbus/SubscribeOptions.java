package org.rcrt.localbus;

/**
 * How a subscription is delivered to. Immutable; start from {@link #defaults()}.
 *
 * <ul>
 *   <li>{@code name}: shown in stats, JMX and log lines;</li>
 *   <li>{@code dedupe}: deliver each {@code (breadcrumb_id, version)} at most once to this subscriber, and never a
 *       version at or below one already delivered. Useful when the subscriber also gets SSE events published into
 *       the bus by hand. A delivery whose listener threw does not count, so a later copy still gets through;</li>
 *   <li>{@code queueCapacity}: the bound of this subscriber's queue; {@code 0} means the bus default. When it is
 *       full the event is dropped for this subscriber (counted in stats), never blocking the publisher.</li>
 * </ul>
 */
public final class SubscribeOptions {
    private static final SubscribeOptions DEFAULTS = new SubscribeOptions(null, false, 0);

    private final String name;
    private final boolean dedupe;
    private final int queueCapacity;

    private SubscribeOptions(String name, boolean dedupe, int queueCapacity) {
        this.name = name;
        this.dedupe = dedupe;
        this.queueCapacity = queueCapacity;
    }

    public static SubscribeOptions defaults() {
        return DEFAULTS;
    }

    public SubscribeOptions withName(String name) {
        return new SubscribeOptions(name, dedupe, queueCapacity);
    }

    public SubscribeOptions withDedupe(boolean dedupe) {
        return new SubscribeOptions(name, dedupe, queueCapacity);
    }

    public SubscribeOptions withQueueCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("queueCapacity must be >= 0, got " + capacity);
        }
        return new SubscribeOptions(name, dedupe, capacity);
    }

    public String name() {
        return name;
    }

    public boolean dedupe() {
        return dedupe;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
