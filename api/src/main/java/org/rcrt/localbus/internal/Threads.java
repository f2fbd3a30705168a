package org.rcrt.localbus.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** How the bus makes its threads: daemons that keep nothing of the code that happened to start them. */
final class Threads {
    /** {@code Thread.ofVirtual()} and its builder's {@code name}/{@code unstarted}; null before JDK 21. */
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle NAME;
    private static final MethodHandle UNSTARTED;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle unstarted = null;
        try {
            // The api compiles for JDK 17, so the JDK 21 builder is reached reflectively.
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
            name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException | LinkageError beforeJdk21) {
            ofVirtual = null;
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        UNSTARTED = unstarted;
    }

    private Threads() {}

    /**
     * A platform daemon thread. These threads are started lazily, from whatever application code publishes or
     * subscribes first, and live as long as the JVM: up to JDK 23 a new thread captures the access-control context
     * of its creator's stack, whose protection domains hold their class loaders, so a thread created under a web
     * app's frames would keep that app's loader alive after undeployment. Created inside {@code doPrivileged}, the
     * captured context holds this (bootstrap) class only. For the same reason the context class loader is the
     * system class loader, not the creator's.
     */
    @SuppressWarnings("removal")
    static Thread platform(Runnable task, String name) {
        return java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.setContextClassLoader(ClassLoader.getSystemClassLoader()); // a permission the caller may not have
            return t;
        });
    }

    /**
     * A thread for one subscription whose listener overran its budget: virtual on JDK 21+, so that however many
     * listeners block, they cost no platform thread each; a platform daemon before.
     */
    static Thread own(Runnable task, String name) {
        if (OF_VIRTUAL != null) {
            try {
                Thread t = (Thread) UNSTARTED.invoke(NAME.invoke(OF_VIRTUAL.invoke(), name), task);
                java.security.AccessController.doPrivileged((java.security.PrivilegedAction<Void>) () -> {
                    t.setContextClassLoader(ClassLoader.getSystemClassLoader());
                    return null;
                });
                return t;
            } catch (Throwable unavailable) {
                // e.g. a runtime built without virtual-thread support: a platform thread does the same job
            }
        }
        return platform(task, name);
    }
}
