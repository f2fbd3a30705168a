package org.rcrt.localbus;

/**
 * A listener's registration on the {@link LocalEventBus}. Closing it stops delivery; events still queued for it are
 * discarded. Closing twice is harmless.
 */
public interface Subscription extends AutoCloseable {
    /** The name given in {@link SubscribeOptions}, or a generated one. */
    String name();

    /** False once closed. */
    boolean isActive();

    @Override
    void close();
}
