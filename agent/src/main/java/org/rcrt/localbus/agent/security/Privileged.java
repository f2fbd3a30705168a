package org.rcrt.localbus.agent.security;

import java.security.AccessController;
import java.security.PrivilegedAction;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.bootstrap.SinkHook;

/**
 * The agent's entry points that application threads call (the woven advice, the sink hooks), made to run with the
 * agent's own permissions under a security manager (JDK 17 to 23).
 *
 * <p>On an application thread, the stack holds the application's frames, and the agent's own work there — reading a
 * client's fields, starting its threads — would be checked against the application's permissions. Inside
 * {@code doPrivileged} only the agent's frames count, and those carry the agent jar's code source: a policy that
 * grants the agent jar what it needs covers them. The application's own code (a sink method's body) never runs
 * inside it. Without a security manager this costs one read of a static field.
 */
@SuppressWarnings("removal")
public final class Privileged {
    private Privileged() {}

    public static InterceptionHook.Handler handler(InterceptionHook.Handler h) {
        return new InterceptionHook.Handler() {
            @Override
            public void entered(InterceptionHook.Frame frame) {
                run(() -> {
                    h.entered(frame);
                    return null;
                });
            }

            @Override
            public Object exited(InterceptionHook.Frame frame, Object returned, Throwable thrown) {
                return run(() -> h.exited(frame, returned, thrown));
            }
        };
    }

    public static SinkHook.Handler handler(SinkHook.Handler h) {
        return new SinkHook.Handler() {
            @Override
            public void constructed(Object instance, String sinkClass) {
                run(() -> {
                    h.constructed(instance, sinkClass);
                    return null;
                });
            }

            @Override
            public Object enter(Object instance, Object[] args, String method) {
                return run(() -> h.enter(instance, args, method));
            }

            @Override
            public void exit(Object claim, Throwable thrown) {
                run(() -> {
                    h.exit(claim, thrown);
                    return null;
                });
            }
        };
    }

    private static <T> T run(PrivilegedAction<T> action) {
        return System.getSecurityManager() == null ? action.run() : AccessController.doPrivileged(action);
    }
}
