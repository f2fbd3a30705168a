package org.rcrt.localbus.bootstrap;

/**
 * What the advice on a sink class calls (see the agent's {@code sink} package). On the bootstrap class path and in
 * JDK types only, like {@link InterceptionHook}.
 *
 * <ul>
 *   <li>each constructor of a sink class reports the new instance, which becomes a bus subscriber;</li>
 *   <li>each call of the sink method asks first whether it carries an event this instance already got from the
 *       other lane: then the method body is skipped, and the method returns {@link #skippedResult} for its type.
 *       Calls the agent itself makes for the local lane pass.</li>
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

    /** Returned by {@link #enter} to skip the method body; the woven code tests for this type. */
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

    /**
     * What a sink method whose body was skipped returns, by the name of its return type: a completed future for
     * {@code CompletableFuture}/{@code CompletionStage}/{@code Future}, an empty {@code Optional} or collection, zero
     * or false for a boxed primitive; {@code null} for anything else (the woven code then returns the default: 0/false
     * for a primitive, null for another reference type).
     */
    public static Object skippedResult(String returnType) {
        switch (returnType) {
            case "java.util.concurrent.CompletableFuture":
            case "java.util.concurrent.CompletionStage":
            case "java.util.concurrent.Future":
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            case "java.util.Optional":
                return java.util.Optional.empty();
            case "java.util.OptionalInt":
                return java.util.OptionalInt.empty();
            case "java.util.OptionalLong":
                return java.util.OptionalLong.empty();
            case "java.util.OptionalDouble":
                return java.util.OptionalDouble.empty();
            case "java.util.List":
            case "java.util.Collection":
            case "java.lang.Iterable":
                return java.util.List.of();
            case "java.util.Set":
                return java.util.Set.of();
            case "java.util.Map":
                return java.util.Map.of();
            case "java.lang.Boolean":
                return Boolean.FALSE;
            case "java.lang.Integer":
                return 0;
            case "java.lang.Long":
                return 0L;
            case "java.lang.Short":
                return (short) 0;
            case "java.lang.Byte":
                return (byte) 0;
            case "java.lang.Character":
                return (char) 0;
            case "java.lang.Float":
                return 0f;
            case "java.lang.Double":
                return 0d;
            default:
                return null;
        }
    }
}
