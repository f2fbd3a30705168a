package org.rcrt.localbus.agent.launcher;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts the api and the interception hook (the agent jar's {@code org/rcrt/localbus/} classes outside the launcher)
 * into the bootstrap class loader, where every class loader can see them.
 *
 * <p>The usual way, {@link Instrumentation#appendToBootstrapClassLoaderSearch}, makes HotSpot print "Sharing is
 * only supported for boot loader classes because bootstrap classpath has been appended", switching off class-data
 * sharing for every application class, which costs the host start-up time. So the classes, read from the agent
 * jar into memory, are defined into the bootstrap loader directly, by a {@code BootstrapDefiner} loaded in a class
 * loader of its own, and {@link Instrumentation#redefineModule} (a supported agent capability, no flag needed)
 * exports {@code jdk.internal.misc} to that loader's module alone.
 *
 * <p>With the agent jar on {@code -Xbootclasspath/a} (for a JDK 24+ AOT cache, which keeps only classes that have
 * a location) the bootstrap loader finds the classes there itself, and nothing is defined.
 */
final class BootstrapClasses {
    /** The api's and the hook's class files, listed by the build (see the agent's pom). */
    private static final String INDEX = "rcrt-localbus/bootstrap.index";
    private static final String HOOK = "org.rcrt.localbus.bootstrap.InterceptionHook";
    /** By name: the definer is compiled apart (it links to {@code jdk.internal.misc}), and loaded apart. */
    private static final String DEFINER = "org.rcrt.localbus.agent.launcher.BootstrapDefiner";

    private BootstrapClasses() {}

    /**
     * The bootstrap class path holds the agent jar: its classes are loaded from there, with their location. The
     * launcher itself then came from there too, as the application class loader asks its parents first (cheaper
     * than asking the bootstrap loader for a resource, which opens the JDK's module image).
     */
    static boolean onBootstrapPath() {
        return BootstrapClasses.class.getClassLoader() == null;
    }

    /** The hook is in the bootstrap loader already, defined there by another copy of the agent. */
    static boolean definedByAnotherCopy() {
        try {
            Class.forName(HOOK, false, null);
            return !onBootstrapPath();
        } catch (ClassNotFoundException expected) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static void install(Instrumentation inst, AgentJar agentJar) throws IOException, ReflectiveOperationException {
        if (onBootstrapPath()) {
            return;
        }
        Map<String, byte[]> classes = agentJar.classesListedIn(INDEX);
        if (classes.isEmpty()) {
            throw new IOException("the api and hook classes are missing from the agent jar");
        }
        // Parent: the platform loader, so that the definer is this loader's own copy, not the launcher's.
        ClassLoader definerLoader = new AgentJarClassLoader("rcrt-localbus-bootstrap-definer",
                ClassLoader.getPlatformClassLoader(), agentJar, "", ".class");
        Class<?> definer = Class.forName(DEFINER, true, definerLoader);
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(definer.getModule())),
                Map.of(), Set.of(), Map.of());
        ((Consumer<Map<String, byte[]>>) definer.getConstructor().newInstance()).accept(classes);
    }
}
