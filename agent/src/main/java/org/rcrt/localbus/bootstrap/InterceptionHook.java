package org.rcrt.localbus.bootstrap;

/**
 * The one class the inlined advice calls. It sits on the bootstrap class path, so that a client class in any class
 * loader can link to it, and uses JDK types only, so that nothing else needs to be there with it.
 *
 * <p>It keeps a per-thread nesting depth: when an intercepted method calls another intercepted method (an overload
 * delegating to another, {@code super.createBreadcrumb}, a wrapper client around the real one), only the outermost
 * call is reported, together with the innermost successful one in case the outer return value carries no id.
 */
public final class InterceptionHook {
    /** Receives the outermost successful call; implemented by the agent. Must return quickly and never throw. */
    public interface Handler {
        void onReturn(Object client, String method, Object[] args, Object returned,
                      Object innerClient, String innerMethod, Object[] innerArgs, Object innerReturned);
    }

    private static final Handler NONE = (c, m, a, r, ic, im, ia, ir) -> {};
    private static volatile Handler handler = NONE;

    private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);

    private InterceptionHook() {}

    /** Installed once by the agent. */
    public static void install(Handler h) {
        handler = h == null ? NONE : h;
    }

    /** Called on method entry; the value is handed back to {@link #exit}. */
    public static Frame enter() {
        Frame frame = FRAMES.get();
        frame.depth++;
        return frame;
    }

    /** Called on every method exit, normal or not. */
    public static void exit(Frame frame, Object client, String method, Object[] args, Object returned, Throwable thrown) {
        if (frame == null) {
            return;
        }
        if (--frame.depth > 0) {
            if (thrown == null && frame.innerMethod == null) {
                frame.innerClient = client;
                frame.innerMethod = method;
                frame.innerArgs = args;
                frame.innerReturned = returned;
            }
            return;
        }
        Object innerClient = frame.innerClient;
        String innerMethod = frame.innerMethod;
        Object[] innerArgs = frame.innerArgs;
        Object innerReturned = frame.innerReturned;
        frame.innerClient = null;
        frame.innerMethod = null;
        frame.innerArgs = null;
        frame.innerReturned = null;
        if (thrown == null) {
            handler.onReturn(client, method, args, returned, innerClient, innerMethod, innerArgs, innerReturned);
        }
    }

    /** Per-thread nesting state. Public only because the inlined advice holds it in a local variable. */
    public static final class Frame {
        int depth;
        Object innerClient;
        String innerMethod;
        Object[] innerArgs;
        Object innerReturned;
    }
}
