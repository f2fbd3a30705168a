package org.rcrt.localbus.agent.sink;

import net.bytebuddy.asm.Advice;
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

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object claim, @Advice.Thrown Throwable thrown) {
            SinkHook.exit(claim, thrown);
        }
    }
}
