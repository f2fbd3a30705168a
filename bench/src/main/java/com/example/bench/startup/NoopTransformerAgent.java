package com.example.bench.startup;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * The floor of any agent that weaves classes as they load: a {@code premain} that adds one retransformation-capable
 * transformer which changes nothing. The JVM then hands every class it loads, the JDK's from the CDS archive too,
 * to Java as a fresh byte array, which costs the host before the transformer does any work of its own.
 * bench/startup.sh jars it (with {@code Can-Retransform-Classes: true}) as the no-op transformer agent.
 */
public final class NoopTransformerAgent {
    private NoopTransformerAgent() {}

    public static void premain(String args, Instrumentation inst) {
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] classFile) {
                return null;
            }
        }, true);
    }
}
