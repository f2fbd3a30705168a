package org.rcrt.localbus.agent.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Defines classes into the bootstrap class loader through the JDK's internal {@code Unsafe.defineClass}.
 *
 * <p>It only works in a module to which {@code jdk.internal.misc} is exported, and {@link BootstrapClasses} exports
 * it to one module only: the unnamed module of a class loader that holds nothing but this class, that is never
 * handed to anyone and is collected after this one use. The application's modules (and the application class
 * loader, which loaded the launcher) never get that access. Uses JDK types only, as it must link alone.
 */
public final class BootstrapDefiner implements Consumer<Map<String, byte[]>> {
    @Override
    public void accept(Map<String, byte[]> classes) {
        try {
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            defineInRounds(classes, unsafe, define);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot define the bootstrap classes: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define the bootstrap classes: " + e, e);
        }
    }

    /** A class can only be defined once its supertypes are: define in rounds until everything is in. */
    private static void defineInRounds(Map<String, byte[]> classes, Object unsafe, Method define)
            throws ReflectiveOperationException {
        Map<String, byte[]> pending = new LinkedHashMap<>(classes);
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> e = it.next();
                try {
                    define.invoke(unsafe, e.getKey(), e.getValue(), 0, e.getValue().length, null, null);
                    it.remove();
                    progress = true;
                } catch (InvocationTargetException failed) {
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
