package org.rcrt.localbus.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.rcrt.localbus.BreadcrumbEvent;

/**
 * One intercepted call on its way to the subscriptions: the caller queues this for every subscription as it is, and
 * the first consumer that needs the event (selector matching does) converts it; the others get the same event.
 */
final class PendingEvent {
    private static final Object NO_EVENT = new Object();

    private final InProcessBus bus;
    private Supplier<BreadcrumbEvent> conversion;
    private volatile Object result; // null until converted, then the event or NO_EVENT
    /** Two arrivals mark the event as handed off for {@code seen}: every queue took it, and it was converted. */
    private final AtomicInteger handOffMarks = new AtomicInteger();

    PendingEvent(Supplier<BreadcrumbEvent> conversion, InProcessBus bus) {
        this.conversion = conversion;
        this.bus = bus;
    }

    /** The event, converted on the first call only; null when no event can be built from the call. */
    BreadcrumbEvent event() {
        Object r = result;
        if (r == null) {
            r = convertOnce();
        }
        return r == NO_EVENT ? null : (BreadcrumbEvent) r;
    }

    private synchronized Object convertOnce() {
        if (result != null) {
            return result;
        }
        BreadcrumbEvent event = InProcessBus.convertQuietly(conversion);
        conversion = null; // the snapshot it holds can go as soon as the event exists
        result = event == null ? NO_EVENT : event;
        if (event != null) {
            bus.countPublished();
            arrive();
        }
        return result;
    }

    /** Called by the publisher once every subscription's queue has taken this. */
    void everyQueueTookIt() {
        arrive();
    }

    /** The second arrival sees the event: the conversion wrote it before arriving. */
    private void arrive() {
        if (handOffMarks.incrementAndGet() == 2) {
            bus.handedOff((BreadcrumbEvent) result);
        }
    }
}
