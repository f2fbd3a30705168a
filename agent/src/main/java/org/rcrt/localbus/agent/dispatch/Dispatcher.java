package org.rcrt.localbus.agent.dispatch;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.agent.event.CapturedCall;
import org.rcrt.localbus.agent.event.EventAssembler;
import org.rcrt.localbus.internal.InProcessBus;
import org.rcrt.localbus.internal.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each captured call to the bus. In async mode (the default) the caller's thread only queues the captured
 * call, an immutable snapshot; assembling the event and delivering it happen on the agent's thread, in call
 * order. In sync mode both happen on the caller's thread right after the return.
 */
public final class Dispatcher implements Consumer<CapturedCall> {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final InProcessBus bus;
    private final boolean sync;
    private final WorkQueue<CapturedCall> handOff;

    private final LongAdder captured = new LongAdder();
    private final LongAdder handOffDropped = new LongAdder();
    private final LongAdder agentErrors = new LongAdder();

    public Dispatcher(InProcessBus bus, boolean sync, int handOffCapacity) {
        this.bus = bus;
        this.sync = sync;
        this.handOff = new WorkQueue<>("rcrt-localbus-dispatch", handOffCapacity, this::publish);
        bus.registerCounter("agent.captured", captured::sum);
        bus.registerCounter("agent.handoffDropped", handOffDropped::sum);
        bus.registerCounter("agent.errors", agentErrors::sum);
        bus.registerCounter("agent.handoffDepth", handOff::depth);
    }

    @Override
    public void accept(CapturedCall call) {
        captured.increment();
        if (sync) {
            publish(call);
        } else if (!handOff.offer(call)) {
            handOffDropped.increment();
            if (handOffDropped.sum() == 1 || handOffDropped.sum() % 10_000 == 0) {
                LOG.warn("the hand-off queue is full ({} calls): {} local events dropped so far; they still arrive through SSE",
                        handOff.capacity(), handOffDropped.sum());
            }
        }
    }

    private void publish(CapturedCall call) {
        try {
            BreadcrumbEvent event = EventAssembler.assemble(call);
            if (LOG.isDebugEnabled()) {
                LOG.debug("local event {} from {}", event, call.method());
            }
            bus.publish(event);
        } catch (Throwable t) {
            agentErrors.increment();
        }
    }
}
