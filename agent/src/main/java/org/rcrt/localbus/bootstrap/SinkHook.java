package org.rcrt.localbus.bootstrap;

/**
 * What the advice on a sink class calls (see the agent's {@code sink} package). On the bootstrap class path and in
 * JDK types only, like {@link InterceptionHook}.
 *
 * <ul>
 *   <li>each constructor of a sink class reports the new instance, which becomes a bus subscriber;</li>
 *   <li>each call of the sink method asks first whether it carries an event this instance already got from the
 *       other lane: then the method body is skipped. Calls the agent itself makes for the local lane pass.</li>
 * </ul>
 */
public final class SinkHook {
    /** Implemented by the agent. Must never throw. */
    public interface Handler {
        void constructed(Object instance, String sinkClass);

        /**
         * {@code null} to run the method as usual, {@link #SKIP} to skip its body, or a claim for {@link #exit}.
         * {@code method} is the called method's name and descriptor, {@code handleEvent(Ljava/lang/String;)V}.
         */
        Object enter(Object instance, Object[] args, String method);

        void exit(Object claim, Throwable thrown);
    }

    /** Returned by {@link #enter} to skip the method body; the advice's {@code skipOn} names this type. */
    public static final class Skip {
        private Skip() {}
    }

    public static final Skip SKIP = new Skip();

    private static final Handler NONE = new Handler() {
        @Override
        public void constructed(Object instance, String sinkClass) {}

        @Override
        public Object enter(Object instance, Object[] args, String method) {
            return null;
        }

        @Override
        public void exit(Object claim, Throwable thrown) {}
    };
    private static volatile Handler handler = NONE;

    private SinkHook() {}

    public static void install(Handler h) {
        handler = h == null ? NONE : h;
    }

    public static void constructed(Object instance, String sinkClass) {
        handler.constructed(instance, sinkClass);
    }

    public static Object enter(Object instance, Object[] args, String method) {
        return handler.enter(instance, args, method);
    }

    public static void exit(Object claim, Throwable thrown) {
        if (claim != null && claim != SKIP) {
            handler.exit(claim, thrown);
        }
    }
}
