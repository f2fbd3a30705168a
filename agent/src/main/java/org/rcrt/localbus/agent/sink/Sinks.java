package org.rcrt.localbus.agent.sink;

import java.lang.invoke.MethodType;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;
import org.rcrt.localbus.agent.config.AgentConfig.SinkSpec;
import org.rcrt.localbus.agent.event.OncePerKey;
import org.rcrt.localbus.bootstrap.SinkHook;
import org.rcrt.localbus.internal.DedupeWindow;
import org.rcrt.localbus.internal.InProcessBus;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Zero-code consumers: every instance of a configured sink class becomes a bus subscriber, held weakly, and each
 * local event is delivered by calling its sink method — the same method the application's SSE reader calls.
 *
 * <p>With dedupe on, each instance has one {@link DedupeWindow} shared by both lanes: the local lane claims
 * {@code (breadcrumb_id, version)} the moment it hands the event over, and an SSE-lane call carrying a delivered
 * (or older) version has its body skipped. Neither lane ever waits for the other: a copy arriving while the other
 * lane's call of the same version is still running is skipped too, but kept, and if that call throws, the agent
 * runs the kept copy itself (an SSE copy with the very arguments the SSE reader passed, on the bus's threads). A
 * local delivery that was dropped or threw never counts: nothing is lost, and nothing that succeeded runs twice.
 */
public final class Sinks implements SinkHook.Handler {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Set while the agent itself calls a sink method, so that the method's own advice lets the call through. */
    private static final ThreadLocal<Boolean> LOCAL_DELIVERY = new ThreadLocal<>();
    /**
     * The sink instance whose method this thread is running for an SSE-lane call with a claim: a nested call on the
     * same instance (an overload delegating to another) belongs to that call and passes untouched.
     */
    private static final ThreadLocal<Object> IN_CLAIMED_CALL = new ThreadLocal<>();

    private final SinkClasses classes;
    private final Selector selector;
    private final boolean dedupe;
    private final InProcessBus bus;
    private final OncePerKey problems;
    private final AgentLog log;
    private final WeakIdentityMap<Registered> registered = new WeakIdentityMap<>();
    private final LongAdder sseCopiesSkipped = new LongAdder();
    private final LongAdder copiesRedelivered = new LongAdder();
    private final LongAdder instances = new LongAdder();

    public Sinks(List<SinkSpec> specs, Selector selector, boolean dedupe, InProcessBus bus, OncePerKey problems, AgentLog log) {
        this.classes = new SinkClasses(specs);
        this.selector = selector;
        this.dedupe = dedupe;
        this.bus = bus;
        this.problems = problems;
        this.log = log;
        bus.registerCounter("sink.instances", instances);
        bus.registerCounter("sink.sseCopiesSkipped", sseCopiesSkipped);
        bus.registerCounter("sink.copiesRedelivered", copiesRedelivered);
    }

    /** One registered instance; holds it weakly, so that dropping it is all it takes to unsubscribe. */
    private final class Registered {
        final WeakReference<Object> instance;
        final SinkMethod method;
        final DedupeWindow window;
        volatile Subscription subscription;

        Registered(Object instance, SinkMethod method) {
            this.instance = new WeakReference<>(instance);
            this.method = method;
            this.window = dedupe ? bus.newDedupeWindow() : null;
        }

        void deliverLocally(BreadcrumbEvent event) throws Throwable {
            if (!event.isComplete()) {
                return; // a sink can't tell a partial event from the real one: its SSE copy delivers it, once
            }
            Object target = instance.get();
            if (target == null) {
                Subscription s = subscription;
                if (s != null) {
                    s.close();
                }
                return;
            }
            boolean claimed = window != null && event.version() > 0;
            if (claimed && window.claim(event.breadcrumbId(), event.version(), () -> redeliverLocally(event))
                    != DedupeWindow.Verdict.DELIVER) {
                return; // the SSE lane delivered this version (or a newer one), or is delivering it: its outcome decides
            }
            boolean ok = false;
            boolean outermost = LOCAL_DELIVERY.get() == null;
            LOCAL_DELIVERY.set(Boolean.TRUE);
            try {
                method.invoke(target, event);
                ok = true;
            } finally {
                if (outermost) {
                    LOCAL_DELIVERY.remove();
                }
                if (claimed) {
                    completed(event.breadcrumbId(), event.version(), ok);
                }
            }
        }

        private void redeliverLocally(BreadcrumbEvent event) {
            copiesRedelivered.increment();
            sneakyDeliver(this, event);
        }

        /** Ends a claim; copies that were kept for its outcome and must now run go to this instance's queue. */
        void completed(String id, long version, boolean ok) {
            bus.redeliver(subscription, window.complete(id, version, ok));
        }
    }

    /**
     * An SSE-lane call skipped because the local lane was delivering the same version: if that delivery fails, this
     * runs the sink method the SSE reader called, with the arguments it passed, on the bus's threads.
     */
    private final class SseCopy implements Runnable {
        private final Registered entry;
        private final String method;
        private final Object[] args;
        private final EventKey key;

        SseCopy(Registered entry, String method, Object[] args, EventKey key) {
            this.entry = entry;
            this.method = method;
            this.args = args;
            this.key = key;
        }

        @Override
        public void run() {
            Object target = entry.instance.get();
            if (target == null || entry.window.claim(key.breadcrumbId(), key.version(), this) != DedupeWindow.Verdict.DELIVER) {
                return;
            }
            copiesRedelivered.increment();
            boolean ok = false;
            boolean outermost = LOCAL_DELIVERY.get() == null;
            LOCAL_DELIVERY.set(Boolean.TRUE);
            try {
                declared(target.getClass(), method).invoke(target, args);
                ok = true;
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(e.getCause().getClass().getName(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e.toString(), e);
            } finally {
                if (outermost) {
                    LOCAL_DELIVERY.remove();
                }
                entry.completed(key.breadcrumbId(), key.version(), ok);
            }
        }
    }

    /** The method named {@code nameAndDescriptor} ({@code handleEvent(Ljava/lang/String;)V}) in the type or a superclass. */
    private static Method declared(Class<?> type, String nameAndDescriptor) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                String key = m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
                if (key.equals(nameAndDescriptor)) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(nameAndDescriptor);
    }

    private record Claim(Registered entry, String id, long version, Object enclosingCall) {}

    SinkClasses classes() {
        return classes;
    }

    /**
     * At the exit of each constructor of a sink class or subclass. The instance registers once fully constructed:
     * when the constructor of its own class returns, not a superclass's. Only if its own class could not be woven
     * does the first woven (superclass) constructor to return register it.
     */
    @Override
    public void constructed(Object instance, String sinkClass) {
        try {
            String actual = instance.getClass().getName();
            if (!actual.equals(sinkClass) && classes.isWoven(actual)) {
                return; // a superclass's constructor: the instance's own class's constructor is still running
            }
            if (registered.get(instance) != null) {
                return; // a constructor chaining to another one with this(...): already registered
            }
            SinkSpec spec = classes.specOf(sinkClass);
            if (spec == null) {
                return;
            }
            SinkMethod method;
            try {
                method = SinkMethod.resolve(instance.getClass(), spec.methodName());
            } catch (SinkMethod.Unsupported e) {
                problems.warn("sink:" + spec, "sink " + spec + " is not used: " + e.getMessage());
                return;
            }
            Registered entry = new Registered(instance, method);
            if (registered.putIfAbsent(instance, entry) != entry) {
                return;
            }
            Subscription subscription = bus.subscribe(selector, event -> sneakyDeliver(entry, event),
                    SubscribeOptions.defaults().withName("sink " + spec + "@" + Integer.toHexString(System.identityHashCode(instance))));
            entry.subscription = subscription;
            instances.increment();
            CLEANER.register(instance, subscription::close);
            log.debug("sink {} registered", subscription.name());
        } catch (Throwable t) {
            problems.warn("sink-register:" + sinkClass, "could not register a sink instance of " + sinkClass + ": " + t);
        }
    }

    private static void sneakyDeliver(Registered entry, BreadcrumbEvent event) {
        try {
            entry.deliverLocally(event);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException(checked.getClass().getName(), checked);
        }
    }

    @Override
    public Object enter(Object instance, Object[] args, String method) {
        if (LOCAL_DELIVERY.get() != null || args.length == 0 || IN_CLAIMED_CALL.get() == instance) {
            return null;
        }
        Registered entry = registered.get(instance);
        if (entry == null || entry.window == null) {
            return null;
        }
        EventKey key = EventKey.of(args[0]);
        if (key == null || key.version() <= 0) {
            return null; // pings, payloads without an id, unknown versions: untouched
        }
        SseCopy copy = new SseCopy(entry, method, args.clone(), key);
        if (entry.window.claim(key.breadcrumbId(), key.version(), copy) != DedupeWindow.Verdict.DELIVER) {
            sseCopiesSkipped.increment(); // delivered already, or kept until the local delivery in flight succeeds or fails
            return SinkHook.SKIP;
        }
        Object enclosing = IN_CLAIMED_CALL.get();
        IN_CLAIMED_CALL.set(instance);
        return new Claim(entry, key.breadcrumbId(), key.version(), enclosing);
    }

    @Override
    public void exit(Object claim, Throwable thrown) {
        if (claim instanceof Claim c) {
            if (c.enclosingCall() == null) {
                IN_CLAIMED_CALL.remove();
            } else {
                IN_CLAIMED_CALL.set(c.enclosingCall());
            }
            c.entry().completed(c.id(), c.version(), thrown == null);
        }
    }
}
