package org.rcrt.localbus.agent.interception;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import org.rcrt.localbus.bootstrap.InterceptionHook;

/**
 * Woven code calls the hooks, which live in the bootstrap loader's unnamed module: a class of a named module can
 * link to them only once its module reads that one.
 */
public final class HookReads {
    private static final Module HOOKS = InterceptionHook.class.getModule();

    private HookReads() {}

    /** Adds the read edge from {@code module} (that of a class just woven) to the hooks' module, if it lacks it. */
    public static void ensure(Instrumentation inst, Module module) {
        if (module != null && !module.canRead(HOOKS)) {
            inst.redefineModule(module, Set.of(HOOKS), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
