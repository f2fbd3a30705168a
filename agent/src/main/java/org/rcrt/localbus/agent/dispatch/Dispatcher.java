package org.rcrt.localbus.agent.dispatch;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.agent.event.EventFactory;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.internal.InProcessBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each successful intercepted call from the hook and turns it into a published event.
 *
 * <p>The caller's thread hands the call to the bus as a pending event ({@link InProcessBus#publish(java.util.function.Supplier)}):
 * in async mode (the default) the bus's threads build it, once, when the first subscription needs it; in sync mode
 * it is built and delivered on the caller's thread right after the return. A returned {@link CompletionStage} is not waited for: a callback
 * is attached to it (the application keeps the very object it got) and emits once it completes normally, never
 * when it fails or is cancelled.
 */
public final class Dispatcher implements InterceptionHook.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private record Call(Object client, String method, Object[] args, Object returned,
                        Object innerClient, String innerMethod, Object[] innerArgs, Object innerReturned) {}

    private final EventFactory events;
    private final InProcessBus bus;

    private final LongAdder intercepted = new LongAdder();
    private final LongAdder notConverted = new LongAdder();
    private final LongAdder agentErrors = new LongAdder();

    public Dispatcher(EventFactory events, InProcessBus bus) {
        this.events = events;
        this.bus = bus;
        bus.registerCounter("agent.intercepted", intercepted::sum);
        bus.registerCounter("agent.notConverted", notConverted::sum);
        bus.registerCounter("agent.errors", agentErrors::sum);
    }

    @Override
    public void onReturn(Object client, String method, Object[] args, Object returned,
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
        bus.publish(() -> build(call));
    }

    private BreadcrumbEvent build(Call c) {
        try {
            BreadcrumbEvent event = events.build(c.client, c.method, c.args, c.returned,
                    c.innerClient, c.innerMethod, c.innerArgs, c.innerReturned);
            if (event == null) {
                notConverted.increment();
            } else if (LOG.isDebugEnabled()) {
                LOG.debug("local event {} from {}", event, c.method);
            }
            return event;
        } catch (Throwable t) {
            agentErrors.increment();
            return null;
        }
    }
}
