package org.rcrt.localbus.agent.sink;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import org.rcrt.localbus.agent.config.AgentConfig.SinkSpec;
import org.rcrt.localbus.agent.interception.HookReads;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Weaves the configured sink classes and their subclasses as they load ({@link SinkClasses} decides, from the class
 * file and its superclasses' files; no other class is parsed): every constructor reports the new instance, and the
 * sink method — the class's own declaration, so an override too — claims its event ({@link SinkWeaver}). A plain
 * transformer over the ASM the client weaving uses: a sink loads no more of Byte Buddy than a client does. A sink
 * class already loaded when the agent attaches keeps running uninstrumented: its existing instances can't be
 * found, so only the client side of an attached agent works.
 */
public final class SinkInterception implements ClassFileTransformer {
    private static final AgentLog LOG = AgentLog.get();

    private final Instrumentation inst;
    private final SinkClasses classes;

    private SinkInterception(Instrumentation inst, SinkClasses classes) {
        this.inst = inst;
        this.classes = classes;
    }

    /** Weaves the classes of the sinks that {@code handler} registers. */
    public static void install(Instrumentation inst, Sinks handler) {
        inst.addTransformer(new SinkInterception(inst, handler.classes()), false);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || className == null) {
            return null;
        }
        String name = className.replace('/', '.');
        try {
            if (!classes.isSinkClass(loader, className, classFile)) {
                return null;
            }
            SinkSpec spec = classes.specOf(name);
            if (spec == null) {
                return null;
            }
            byte[] woven = SinkWeaver.weave(classFile, spec.methodName());
            HookReads.ensure(inst, module);
            classes.markWoven(name);
            LOG.debug("sink interception: instrumented {}", name);
            return woven;
        } catch (Throwable t) {
            // The class stays as it was: its instances get no local events, SSE still delivers to them.
            LOG.warn("could not instrument the sink class {}: {}", name, t.toString());
            return null;
        }
    }
}
