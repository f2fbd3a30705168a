package org.rcrt.localbus.agent.interception;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.rcrt.localbus.bootstrap.InterceptionHook;

/**
 * Inlined into every intercepted method: one static call on entry, one on exit, nothing else. {@code suppress}
 * makes sure nothing thrown here can reach the application; {@code onThrowable} lets the exit keep the nesting
 * depth right when the method throws (the hook then emits nothing). The method's identity is a constant string
 * ({@code #t.#m#d}), not a reflective {@code Method}, so the call costs no lookup.
 */
public final class ReturnAdvice {
    private ReturnAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static InterceptionHook.Frame enter() {
        return InterceptionHook.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter InterceptionHook.Frame frame,
                            @Advice.This(optional = true) Object client,
                            @Advice.Origin("#t.#m#d") String method,
                            @Advice.AllArguments Object[] args,
                            @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
                            @Advice.Thrown Throwable thrown) {
        InterceptionHook.exit(frame, client, method, args, returned, thrown);
    }
}
