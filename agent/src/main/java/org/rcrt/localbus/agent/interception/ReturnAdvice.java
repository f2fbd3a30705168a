package org.rcrt.localbus.agent.interception;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.rcrt.localbus.bootstrap.InterceptionHook;

/**
 * Inlined into every intercepted method: one static call on entry, one on exit, nothing else (the contract is on
 * {@link InterceptionHook}). {@code suppress} makes sure nothing thrown here can reach the application;
 * {@code onThrowable} lets the exit keep the call chain right when the method throws. The method's identity is a
 * constant string ({@code #t.#m#d}), not a reflective {@code Method}, so the call costs no lookup.
 *
 * <p>Two exits, because a {@code void} method has no return value to hand back.
 */
public final class ReturnAdvice {
    private ReturnAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static InterceptionHook.Frame enter(@Advice.This(optional = true) Object client,
                                               @Advice.Origin("#t.#m#d") String method,
                                               @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] args) {
        Object[] passed = args;
        InterceptionHook.Frame frame = InterceptionHook.enter(client, method, passed);
        args = passed; // the handler may have decorated a callback argument in place
        return frame;
    }

    /** Exit of a method that returns a value: the hook answers the value to return (the same, or a decoration). */
    public static final class ValueExit {
        private ValueExit() {}

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter InterceptionHook.Frame frame,
                                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
                                @Advice.Thrown Throwable thrown) {
            returned = InterceptionHook.exit(frame, returned, thrown);
        }
    }

    /** Exit of a {@code void} method. */
    public static final class VoidExit {
        private VoidExit() {}

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter InterceptionHook.Frame frame, @Advice.Thrown Throwable thrown) {
            InterceptionHook.exit(frame, null, thrown);
        }
    }
}
