package org.rcrt.localbus.agent.dispatch;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.agent.event.CapturedCall;
import org.rcrt.localbus.agent.event.EventAssembler;
import org.rcrt.localbus.internal.InProcessBus;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Hands each captured call — an immutable snapshot taken at return — to the bus as a pending event
 * ({@link InProcessBus#publish(java.util.function.Supplier)}): in async mode (the default) the bus's threads
 * assemble it, once, when the first subscription needs it; in sync mode it is assembled and delivered on the
 * caller's thread right after the return. The caller pays one hand-off.
 */
public final class Dispatcher implements Consumer<CapturedCall> {
    private static final AgentLog LOG = AgentLog.get();

    private final InProcessBus bus;
    private final LongAdder captured = new LongAdder();
    private final LongAdder agentErrors = new LongAdder();

    public Dispatcher(InProcessBus bus) {
        this.bus = bus;
        bus.registerCounter("agent.captured", captured);
        bus.registerCounter("agent.errors", agentErrors);
    }

    @Override
    public void accept(CapturedCall call) {
        captured.increment();
        bus.publish(new Assembly(call));
    }

    /** The event of a call, made by the first consumer that needs it. */
    private final class Assembly implements Supplier<BreadcrumbEvent> {
        // A class, not a lambda: made at an application's first RCRT call, where a lambda's first use would spin
        // its class (and java.lang.invoke's) on the caller's thread.
        private final CapturedCall call;

        Assembly(CapturedCall call) {
            this.call = call;
        }

        @Override
        public BreadcrumbEvent get() {
            return assemble(call);
        }
    }

    private BreadcrumbEvent assemble(CapturedCall call) {
        try {
            BreadcrumbEvent event = EventAssembler.assemble(call);
            if (LOG.isDebugEnabled()) {
                LOG.debug("local event {} from {}", event, call.method());
            }
            return event;
        } catch (Throwable t) {
            agentErrors.increment();
            return null;
        }
    }
}
