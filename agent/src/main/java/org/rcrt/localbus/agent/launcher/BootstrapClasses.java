package org.rcrt.localbus.agent.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Puts the api and the interception hook into the bootstrap class loader, where every class loader can see them.
 *
 * <p>The usual way, {@link Instrumentation#appendToBootstrapClassLoaderSearch}, needs a jar on disk and makes
 * HotSpot print "Sharing is only supported for boot loader classes because bootstrap classpath has been appended",
 * switching off class-data sharing for every application class, which costs the host start-up time. So the
 * classes, read from the agent jar into memory, are defined into the bootstrap loader directly, by a
 * {@link BootstrapDefiner} loaded in a class loader of its own, and {@link Instrumentation#redefineModule} (a
 * supported agent capability, no flag needed) exports {@code jdk.internal.misc} to that loader's module alone.
 */
final class BootstrapClasses {
    static final String ENTRY = "rcrt-localbus/bootstrap.jar";

    private BootstrapClasses() {}

    @SuppressWarnings("unchecked")
    static void install(Instrumentation inst, AgentJar agentJar) throws IOException, ReflectiveOperationException {
        byte[] bootstrapJar = agentJar.read(ENTRY);
        if (bootstrapJar == null) {
            throw new IOException(ENTRY + " is missing from the agent jar");
        }
        // Parent: the platform loader, so that the definer is this loader's own copy, not the launcher's.
        ClassLoader definerLoader = new AgentJarClassLoader("rcrt-localbus-bootstrap-definer",
                ClassLoader.getPlatformClassLoader(), agentJar, "", ".class");
        Class<?> definer = Class.forName(BootstrapDefiner.class.getName(), true, definerLoader);
        inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(definer.getModule())),
                Map.of(), Set.of(), Map.of());
        ((Consumer<Map<String, byte[]>>) definer.getConstructor().newInstance()).accept(classes(bootstrapJar));
    }

    private static Map<String, byte[]> classes(byte[] jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                    classes.put(e.getName().substring(0, e.getName().length() - 6).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }
}
