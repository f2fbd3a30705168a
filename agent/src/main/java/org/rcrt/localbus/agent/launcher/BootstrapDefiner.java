package org.rcrt.localbus.agent.launcher;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.internal.misc.Unsafe;

/**
 * Defines classes into the bootstrap class loader through the JDK's internal {@code Unsafe.defineClass}.
 *
 * <p>It only links in a module to which {@code jdk.internal.misc} is exported, and {@link BootstrapClasses} exports
 * it to one module only: the unnamed module of a class loader that holds nothing but this class, that is never
 * handed to anyone and is collected after this one use. The application's modules (and the application class
 * loader, which loaded the launcher) never get that access. Uses JDK types only, as it must link alone; it calls
 * {@code Unsafe} directly (see the agent's pom for how it is compiled), not by reflection, whose accessor
 * generation after some fifty calls would cost the host's start more than the definitions themselves.
 */
public final class BootstrapDefiner implements Consumer<Map<String, byte[]>> {
    @Override
    public void accept(Map<String, byte[]> classes) {
        Unsafe unsafe = Unsafe.getUnsafe();
        Map<String, byte[]> pending = new LinkedHashMap<>(classes);
        // A class can only be defined once its supertypes are: define in rounds until everything is in.
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> e = it.next();
                try {
                    unsafe.defineClass(e.getKey(), e.getValue(), 0, e.getValue().length, null, null);
                    it.remove();
                    progress = true;
                } catch (NoClassDefFoundError supertypeNotYetDefined) {
                    // the next round
                }
            }
            if (!progress) {
                throw new IllegalStateException("cannot define " + pending.keySet() + " in the bootstrap loader");
            }
        }
    }
}
