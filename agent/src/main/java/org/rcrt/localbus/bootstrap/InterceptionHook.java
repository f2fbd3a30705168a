package org.rcrt.localbus.bootstrap;

/**
 * The one class the woven client code calls: once on entry, once on every exit. It sits on the bootstrap class
 * path, so that a client class in any class loader can link to it, and uses JDK types only.
 *
 * <p>It keeps the per-thread chain of intercepted calls in progress ({@link Frame#parent}): an overload delegating
 * to another, {@code super.createBreadcrumb}, or a wrapper client around the real one nest, and the agent turns
 * the whole chain into one event. Everything else — what a call means, what to capture — is the agent's
 * {@link Handler}.
 *
 * <p>The contract with the woven code:
 * <pre>
 *   Frame f = InterceptionHook.enter(this_or_null, "com.acme.Client.createBreadcrumb(Lcom/acme/Body;)Ljava/lang/String;", args);
 *   // store args[i] back into reference-typed parameter i (the handler may decorate a callback argument)
 *   try { ...original body...; result = InterceptionHook.exit(f, result, null) (cast back to the return type) }
 *   catch (Throwable t) { InterceptionHook.exit(f, null, t); throw t; }
 * </pre>
 * Neither method ever throws, and {@code exit} pops the frame before anything else, so the chain stays right even
 * when the agent's code fails.
 */
public final class InterceptionHook {
    /** Implemented by the agent. Must return quickly and never throw (the hook guards anyway). */
    public interface Handler {
        /** A call was entered; {@code frame.parent} is the enclosing intercepted call on this thread, if any. */
        void entered(Frame frame);

        /**
         * The call left: normally ({@code thrown == null}) with {@code returned}, or by {@code thrown}. Answers what
         * the method returns: {@code returned} itself, or a decoration of it of the same declared type.
         */
        Object exited(Frame frame, Object returned, Throwable thrown);
    }

    private static final Handler NONE = new Handler() {
        @Override
        public void entered(Frame frame) {}

        @Override
        public Object exited(Frame frame, Object returned, Throwable thrown) {
            return returned;
        }
    };
    private static volatile Handler handler = NONE;

    private static final ThreadLocal<CallStack> STACKS = new ThreadLocal<>() {
        @Override
        protected CallStack initialValue() { // not withInitial(CallStack::new): no lambda spun at the agent's start
            return new CallStack();
        }
    };

    private InterceptionHook() {}

    /** Installed once by the agent; {@code null} uninstalls. */
    public static void install(Handler h) {
        handler = h == null ? NONE : h;
    }

    /** On method entry. {@code args} is the woven method's own argument array; a handler may replace elements. */
    public static Frame enter(Object client, String method, Object[] args) {
        Frame frame = null;
        try {
            CallStack stack = STACKS.get();
            Frame parent = stack.top;
            while (parent != null && parent.closed) {
                parent = parent.parent; // left by an exit that could not finish (its thread's stack overflowed)
            }
            frame = new Frame(stack, parent, client, method, args);
            stack.top = frame;
            handler.entered(frame);
            return frame;
        } catch (Throwable t) {
            if (frame != null) {
                // No exit will come for a call that gets no frame: it must not stay on the chain. Field writes, not
                // a call, since what failed may be the thread's stack itself.
                frame.closed = true;
                frame.stack.top = frame.parent;
            }
            return null;
        }
    }

    /** On every method exit, normal or not; answers the value the method returns. */
    public static Object exit(Frame frame, Object returned, Throwable thrown) {
        if (frame == null) {
            return returned;
        }
        frame.unwind();
        try {
            return handler.exited(frame, returned, thrown);
        } catch (Throwable t) {
            return returned;
        }
    }

    /** The intercepted calls in progress on one thread, innermost on top. */
    public static final class CallStack {
        Frame top;

        private CallStack() {}
    }

    /** One intercepted call in progress. Public only because the woven code holds it in a local variable. */
    public static final class Frame {
        private final CallStack stack;
        /** The enclosing intercepted call on the same thread, or {@code null} for an outermost call. */
        public final Frame parent;
        /** {@code this} of the call, {@code null} for a static method. */
        public final Object client;
        /** {@code com.acme.Client.createBreadcrumb(Lcom/acme/Body;)Ljava/lang/String;}. */
        public final String method;
        /** The call's arguments (the woven method's own array). */
        public final Object[] args;
        /** The agent's per-call state. */
        public Object state;
        /**
         * Set by the woven code as the first act of every exit, with a plain field write that can't fail: a frame
         * whose exit began is never the parent of a later call, even if the rest of its exit could not run.
         */
        public boolean closed;

        Frame(CallStack stack, Frame parent, Object client, String method, Object[] args) {
            this.stack = stack;
            this.parent = parent;
            this.client = client;
            this.method = method;
            this.args = args;
        }

        /**
         * Pops this call off its thread's chain. Also callable by woven code that could not call {@link #exit}: a
         * field write, nothing that can fail, so a thread's chain never keeps a call that has left.
         */
        public void unwind() {
            // To the parent, not "one down": an inner call whose exit never ran (its thread overflowed its stack
            // inside the woven code) is dropped with this one, so the chain heals at the next exit out.
            closed = true;
            stack.top = parent;
        }
    }
}
