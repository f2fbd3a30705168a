package org.rcrt.localbus.agent.dispatch;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.agent.event.EventFactory;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.internal.InProcessBus;
import org.rcrt.localbus.internal.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each successful intercepted call from the hook and turns it into a published event.
 *
 * <p>In async mode (the default) the caller's thread only queues the call's arguments and return value; building
 * the event and handing it to subscribers happens on the dispatch thread, in call order. In sync mode both happen
 * on the caller's thread right after the return. A returned {@link CompletionStage} is not waited for: a callback
 * is attached to it (the application keeps the very object it got) and emits once it completes normally, never
 * when it fails or is cancelled.
 */
public final class Dispatcher implements InterceptionHook.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private record Call(Object client, String method, Object[] args, Object returned,
                        Object innerClient, String innerMethod, Object[] innerArgs, Object innerReturned) {}

    private final EventFactory events;
    private final InProcessBus bus;
    private final boolean sync;
    private final WorkQueue<Call> handOff;

    private final LongAdder intercepted = new LongAdder();
    private final LongAdder handOffDropped = new LongAdder();
    private final LongAdder notConverted = new LongAdder();
    private final LongAdder agentErrors = new LongAdder();

    public Dispatcher(EventFactory events, InProcessBus bus, boolean sync, int handOffCapacity) {
        this.events = events;
        this.bus = bus;
        this.sync = sync;
        this.handOff = new WorkQueue<>("rcrt-localbus-dispatch", handOffCapacity, this::publish);
        bus.registerCounter("agent.intercepted", intercepted::sum);
        bus.registerCounter("agent.handoffDropped", handOffDropped::sum);
        bus.registerCounter("agent.notConverted", notConverted::sum);
        bus.registerCounter("agent.errors", agentErrors::sum);
        bus.registerCounter("agent.handoffDepth", handOff::depth);
    }

    @Override
    public void entered(InterceptionHook.Frame frame) {}

    /** The outermost successful call, with the innermost successful nested one (kept in the parent's state). */
    @Override
    public Object exited(InterceptionHook.Frame frame, Object returned, Throwable thrown) {
        InterceptionHook.Frame parent = frame.parent;
        if (parent != null) {
            if (thrown == null && parent.state == null) {
                parent.state = frame.state != null ? frame.state : new Object[] {frame, returned};
            }
            return returned;
        }
        if (thrown == null) {
            Object[] inner = (Object[]) frame.state;
            InterceptionHook.Frame innerFrame = inner == null ? null : (InterceptionHook.Frame) inner[0];
            onReturn(frame.client, frame.method, frame.args, returned,
                    innerFrame == null ? null : innerFrame.client, innerFrame == null ? null : innerFrame.method,
                    innerFrame == null ? null : innerFrame.args, inner == null ? null : inner[1]);
        }
        return returned;
    }

    private void onReturn(Object client, String method, Object[] args, Object returned,
                         Object innerClient, String innerMethod, Object[] innerArgs, Object innerReturned) {
        try {
            intercepted.increment();
            if (returned instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, failure) -> {
                    if (failure == null) {
                        accept(new Call(client, method, args, value, innerClient, innerMethod, innerArgs,
                                innerReturned instanceof CompletionStage<?> ? null : innerReturned));
                    }
                });
            } else {
                accept(new Call(client, method, args, returned, innerClient, innerMethod, innerArgs, innerReturned));
            }
        } catch (Throwable t) {
            agentErrors.increment();
        }
    }

    private void accept(Call call) {
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

    private void publish(Call c) {
        try {
            BreadcrumbEvent event = events.build(c.client, c.method, c.args, c.returned,
                    c.innerClient, c.innerMethod, c.innerArgs, c.innerReturned);
            if (event == null) {
                notConverted.increment();
                return;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("local event {} from {}", event, c.method);
            }
            bus.publish(event);
        } catch (Throwable t) {
            agentErrors.increment();
        }
    }
}
