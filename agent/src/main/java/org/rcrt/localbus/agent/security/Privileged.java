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
                if (noSecurityManager()) {
                    h.entered(frame);
                } else {
                    AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
                        h.entered(frame);
                        return null;
                    });
                }
            }

            @Override
            public Object exited(InterceptionHook.Frame frame, Object returned, Throwable thrown) {
                return noSecurityManager() ? h.exited(frame, returned, thrown)
                        : AccessController.doPrivileged((PrivilegedAction<Object>) () -> h.exited(frame, returned, thrown));
            }
        };
    }

    public static SinkHook.Handler handler(SinkHook.Handler h) {
        return new SinkHook.Handler() {
            @Override
            public void constructed(Object instance, String sinkClass) {
                if (noSecurityManager()) {
                    h.constructed(instance, sinkClass);
                } else {
                    AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
                        h.constructed(instance, sinkClass);
                        return null;
                    });
                }
            }

            @Override
            public Object enter(Object instance, Object[] args, String method) {
                return noSecurityManager() ? h.enter(instance, args, method)
                        : AccessController.doPrivileged((PrivilegedAction<Object>) () -> h.enter(instance, args, method));
            }

            @Override
            public void exit(Object claim, Throwable thrown) {
                if (noSecurityManager()) {
                    h.exit(claim, thrown);
                } else {
                    AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
                        h.exit(claim, thrown);
                        return null;
                    });
                }
            }
        };
    }

    /**
     * Checked before a lambda is made, not inside one: without a security manager no lambda runs here, so an
     * application's first RCRT call does not spin their classes (nor {@code java.lang.invoke}'s) on its thread.
     */
    private static boolean noSecurityManager() {
        return System.getSecurityManager() == null;
    }
}
