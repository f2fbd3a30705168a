package org.rcrt.localbus.agent.launcher;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * After an attach to a running JVM: copies of the api that the application loaded and used before the agent came
 * have a bus of their own, which the agent does not feed. Each is asked to join the shared bus, moving its
 * subscriptions there; one that cannot is named in a WARN that says what to do.
 */
final class ApiCopies {
    private static final String LOCATOR = "org.rcrt.localbus.internal.BusAccessLocator";

    private ApiCopies() {}

    static void joinShared(Instrumentation inst) {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() != null && c.getName().equals(LOCATOR)) {
                join(c);
            }
        }
    }

    private static void join(Class<?> locator) {
        String where = describe(locator.getClassLoader());
        try {
            int moved = (Integer) locator.getMethod("joinShared").invoke(null);
            if (moved > 0) {
                AgentLauncher.stderr("INFO", "attached to a running JVM: the api in use in " + where + " joined the "
                        + "shared bus with its " + moved + " subscriptions");
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException && e.getCause() != null ? e.getCause() : e;
            AgentLauncher.stderr("WARN", "attached to a running JVM: the api in use in " + where + " cannot join the "
                    + "shared bus (" + cause + "); its subscribers get no events of the agent. Start the JVM with "
                    + "-javaagent, or use an api jar of the agent's version");
        }
    }

    /** The loader's class and name, read from the JDK's own fields: no application method is called. */
    private static String describe(ClassLoader loader) {
        String name = loader.getName();
        return "class loader " + loader.getClass().getName() + (name == null ? "" : " '" + name + "'");
    }
}
