package org.rcrt.localbus.agent.sink;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.rcrt.localbus.bootstrap.SinkHook;

/** The two advices woven into a sink class: one on its constructors, one on its sink method. */
public final class SinkAdvice {
    private SinkAdvice() {}

    /** After a constructor: the instance is a new subscriber. */
    public static final class OnConstruction {
        private OnConstruction() {}

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object instance, @Advice.Origin("#t") String sinkClass) {
            SinkHook.constructed(instance, sinkClass);
        }
    }

    /** Around the sink method: a copy already delivered by the other lane skips the method body. */
    public static final class OnSinkCall {
        private OnSinkCall() {}

        @Advice.OnMethodEnter(skipOn = SinkHook.Skip.class, suppress = Throwable.class)
        public static Object enter(@Advice.This Object instance, @Advice.AllArguments Object[] args,
                                   @Advice.Origin("#m#d") String method) {
            return SinkHook.enter(instance, args, method);
        }

        /** A skipped body returns what a completed no-op means for the method's type, not a bare {@code null}. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object claim, @Advice.Thrown Throwable thrown,
                                @Advice.Origin("#r") String returnType,
                                @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            if (claim == SinkHook.SKIP) {
                Object noOp = SinkHook.skippedResult(returnType);
                if (noOp != null) {
                    returned = noOp;
                }
            } else {
                SinkHook.exit(claim, thrown);
            }
        }
    }
}
