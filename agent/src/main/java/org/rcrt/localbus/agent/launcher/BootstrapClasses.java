package org.rcrt.localbus.agent.launcher;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Puts the api and the interception hook into the bootstrap class loader, where every class loader can see them.
 *
 * <p>The usual way, {@link Instrumentation#appendToBootstrapClassLoaderSearch}, makes HotSpot print "Sharing is
 * only supported for boot loader classes because bootstrap classpath has been appended" and switches off
 * class-data sharing for every application class, which costs the host start-up time. So the classes are
 * defined into the bootstrap loader directly instead, through the JDK's internal {@code Unsafe.defineClass},
 * which the agent may reach because {@link Instrumentation#redefineModule} exports it to the agent (a supported
 * agent capability, no {@code --add-exports} flag needed). The classes are read from the agent jar into memory:
 * nothing is written to disk.
 */
final class BootstrapClasses {
    private BootstrapClasses() {}

    static final String ENTRY = "rcrt-localbus/bootstrap.jar";

    static void install(Instrumentation inst, AgentJar agentJar) throws IOException, ReflectiveOperationException {
        byte[] bootstrapJar = agentJar.read(ENTRY);
        if (bootstrapJar == null) {
            throw new IOException(ENTRY + " is missing from the agent jar");
        }
        defineDirectly(inst, read(bootstrapJar));
    }

    private static Map<String, byte[]> read(byte[] jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                    classes.put(e.getName().substring(0, e.getName().length() - 6).replace('/', '.'), in.readAllBytes());
                }
            }
        }
        return classes;
    }

    private static void defineDirectly(Instrumentation inst, Map<String, byte[]> classes) throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(BootstrapClasses.class.getModule())),
                Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // A class can only be defined once its supertypes are: define in rounds until everything is in.
        Map<String, byte[]> pending = new LinkedHashMap<>(classes);
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> e = it.next();
                try {
                    define.invoke(unsafe, e.getKey(), e.getValue(), 0, e.getValue().length, null, null);
                    it.remove();
                    progress = true;
                } catch (java.lang.reflect.InvocationTargetException failed) {
                    if (!(failed.getCause() instanceof NoClassDefFoundError)) {
                        throw failed;
                    }
                }
            }
            if (!progress) {
                throw new IllegalStateException("cannot define " + pending.keySet() + " in the bootstrap loader");
            }
        }
    }
}
