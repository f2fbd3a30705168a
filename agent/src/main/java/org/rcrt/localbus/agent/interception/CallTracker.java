package org.rcrt.localbus.agent.interception;

import org.rcrt.localbus.internal.InProcessBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.rcrt.localbus.agent.event.CallCapture;
import org.rcrt.localbus.agent.event.CallFrame;
import org.rcrt.localbus.agent.event.CapturedCall;
import org.rcrt.localbus.bootstrap.InterceptionHook;

/**
 * Behind the hook: turns each application call into at most one {@link CapturedCall}, however many intercepted
 * methods it went through.
 *
 * <ul>
 *   <li>Nested frames on the same thread (an overload, {@code super}, a wrapper, a proxy and its target) are
 *       collected by the outermost one, which captures the whole chain when it returns.</li>
 *   <li>A call that another thread makes <em>for</em> a call in progress — a wrapper running the real client in an
 *       executor or a future with the same body object — joins that call's chain ({@link InFlightCalls}) instead of
 *       making an event of its own.</li>
 *   <li>A returned {@link CompletionStage} is not waited for: the arguments are captured at once, and the event
 *       follows when it completes normally — never when it fails or is cancelled. The application keeps the very
 *       object it got.</li>
 *   <li>A result that arrives through a callback, a Retrofit {@code Call}, a Reactor publisher or a Kotlin
 *       continuation gives its event when it arrives, through a decoration that forwards everything
 *       ({@link LaterResults}).</li>
 * </ul>
 */
public final class CallTracker implements InterceptionHook.Handler {
    /** Deeper chains than this are cut: no real client nests so deep, and the memory of a call stays bounded. */
    private static final int MAX_FRAMES = 16;

    private final CallCapture capture;
    private final Consumer<CapturedCall> dispatch;
    private final InFlightCalls inFlight = new InFlightCalls();
    private final LaterResults later;
    private final LongAdder intercepted = new LongAdder();
    private final LongAdder notConverted = new LongAdder();

    public CallTracker(CallCapture capture, Consumer<CapturedCall> dispatch) {
        this.capture = capture;
        this.dispatch = dispatch;
        this.later = new LaterResults(capture.problems());
    }

    /**
     * {@code agent.intercepted}: application calls that returned (for a future: completed) normally;
     * {@code agent.notConverted}: of those, the ones that gave no event (not RCRT calls, or not readable exactly:
     * SSE delivers them).
     */
    public void registerCounters(InProcessBus bus) {
        bus.registerCounter("agent.intercepted", intercepted);
        bus.registerCounter("agent.notConverted", notConverted);
    }

    /** The frames a call in progress collected, innermost first. */
    static final class Chain {
        final ArrayDeque<CallFrame> frames = new ArrayDeque<>(4);
        /** Set when this call runs for a call in progress on another thread: its frames go there. */
        Chain joined;
        /** How the call's result arrives. */
        LaterResults.Entry entry = LaterResults.Entry.DIRECT;
        /** Set when it arrives later, through a decorated callback, call, publisher or continuation. */
        Later result;
        /**
         * Whether the last inner call made for this call threw — on this thread, or on another one for it (a
         * wrapper's executor). An outer call that then returns normally answered with something other than the
         * request's success (a fallback aspect, a wrapper's default): it is no event. A retry whose last attempt
         * succeeded is one.
         */
        volatile boolean lastInnerFailed;

        synchronized void addInner(CallFrame frame) {
            if (frames.size() < MAX_FRAMES) {
                frames.addLast(frame);
            }
        }

        /** Frames another thread's call collected for this one: they are further in than anything here. */
        synchronized void addJoined(List<CallFrame> joinedFrames) {
            for (int i = joinedFrames.size() - 1; i >= 0 && frames.size() < MAX_FRAMES; i--) {
                frames.addFirst(joinedFrames.get(i));
            }
        }

        synchronized List<CallFrame> joinedSince(int count) {
            return new ArrayList<>(frames).subList(0, Math.max(0, frames.size() - count));
        }

        synchronized int size() {
            return frames.size();
        }

        synchronized List<CallFrame> snapshot(CallFrame outermost) {
            List<CallFrame> out = new ArrayList<>(frames.size() + 1);
            out.addAll(frames);
            out.add(outermost);
            return out;
        }
    }

    @Override
    public void entered(InterceptionHook.Frame frame) {
        if (frame.parent != null) {
            return;
        }
        Chain chain = new Chain();
        chain.joined = inFlight.callSharingArguments(frame.args);
        frame.state = chain;
        if (chain.joined != null) {
            return;
        }
        Later result = new Later(chain, frame);
        chain.entry = later.decorateArguments(frame.method, frame.args, result);
        if (chain.entry == LaterResults.Entry.DECORATED) {
            chain.result = result;
        } else if (chain.entry == LaterResults.Entry.DIRECT) {
            inFlight.register(frame.args, chain);
        }
    }

    @Override
    public Object exited(InterceptionHook.Frame frame, Object returned, Throwable thrown) {
        InterceptionHook.Frame root = frame;
        while (root.parent != null) {
            root = root.parent;
        }
        if (!(root.state instanceof Chain chain)) {
            return returned;
        }
        if (frame != root) {
            chain.lastInnerFailed = thrown != null;
            if (thrown == null) {
                chain.addInner(new CallFrame(frame.client, frame.method, frame.args, returned));
            }
            return returned;
        }
        if (chain.joined != null) {
            chain.joined.lastInnerFailed = thrown != null;
            if (thrown == null) {
                chain.joined.addJoined(chain.snapshot(new CallFrame(frame.client, frame.method, frame.args, returned)));
            }
            return returned;
        }
        if (chain.entry != LaterResults.Entry.DIRECT) {
            if (thrown == null && chain.entry == LaterResults.Entry.DECORATED) {
                chain.result.returned(returned);
            }
            return returned; // a resumption or an unsupported shape: no event of its own
        }
        if (thrown != null || chain.lastInnerFailed) {
            inFlight.deregister(chain);
            return returned;
        }
        if (LaterResults.returnsLater(frame.method)) {
            inFlight.deregister(chain);
            Later result = new Later(chain, frame);
            result.returned(null);
            return later.decorateReturned(frame.method, returned, result);
        }
        CallFrame outer = new CallFrame(frame.client, frame.method, frame.args, returned);
        if (returned instanceof CompletionStage<?> stage) {
            CallCapture.Pending pending = capture.begin(chain.snapshot(outer));
            int framesAtReturn = chain.size();
            // Joined calls of other threads may still arrive until the stage completes: the chain stays in flight.
            stage.whenComplete((value, failure) -> {
                inFlight.deregister(chain);
                if (failure == null) {
                    intercepted.increment();
                    emit(pending, value, chain.joinedSince(framesAtReturn));
                }
            });
            return returned;
        }
        inFlight.deregister(chain);
        intercepted.increment();
        emit(capture.begin(chain.snapshot(outer)), returned, List.of());
        return returned;
    }

    /**
     * The result of a call that arrives later. Its arguments are captured when the call returns (or, for a callback
     * that fires before that, when it fires); each success then makes an event — a publisher subscribed twice made
     * two requests and gives two events.
     */
    final class Later implements Consumer<Object> {
        private final Chain chain;
        private final InterceptionHook.Frame frame;
        private volatile CallCapture.Pending pending;

        Later(Chain chain, InterceptionHook.Frame frame) {
            this.chain = chain;
            this.frame = frame;
        }

        /** The call returned: its arguments are captured now; a suspend function that didn't suspend has its value. */
        void returned(Object value) {
            if (pending == null) {
                pending = capture.begin(chain.snapshot(new CallFrame(frame.client, frame.method, frame.args, null)));
            }
            if (value != null && isContinuationCall() && !LaterResults.suspended(value)) {
                accept(value);
            }
        }

        private boolean isContinuationCall() {
            return Descriptor.of(frame.method).parameters().contains("kotlin.coroutines.Continuation");
        }

        @Override
        public void accept(Object value) {
            CallCapture.Pending p = pending;
            if (p == null) {
                p = capture.begin(chain.snapshot(new CallFrame(frame.client, frame.method, frame.args, null)));
                pending = p;
            }
            intercepted.increment();
            emit(p, value, List.of());
        }
    }

    private void emit(CallCapture.Pending pending, Object value, List<CallFrame> joinedLater) {
        try {
            CapturedCall call = pending == null ? null : pending.returned(value, joinedLater);
            if (call == null) {
                notConverted.increment();
            } else {
                dispatch.accept(call);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // never into the application, which may be completing a future right here; SSE still delivers
        }
    }
}
