package org.rcrt.localbus.agent.sink;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.rcrt.localbus.agent.config.AgentConfig.SinkSpec;
import org.rcrt.localbus.agent.interception.AgentBuilders;
import org.rcrt.localbus.bootstrap.SinkHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Weaves {@link SinkAdvice} into the configured sink classes, found by exact name only: no other class is parsed. */
public final class SinkInterception {
    private static final Logger LOG = LoggerFactory.getLogger(SinkInterception.class);
    private SinkInterception() {}

    public static void install(Instrumentation inst, List<SinkSpec> specs) {
        Set<String> internalNames = specs.stream().map(s -> s.className().replace('.', '/')).collect(Collectors.toSet());
        AgentBuilder builder = AgentBuilders.newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .ignore(none())
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, net.bytebuddy.utility.JavaModule module,
                                        boolean loaded, Throwable error) {
                        LOG.warn("could not instrument the sink class {}: {}", typeName, error.toString());
                    }
                })
                .assureReadEdgeTo(inst, SinkHook.class);
        for (SinkSpec spec : specs) {
            builder = builder.type(named(spec.className()))
                    .transform(new AgentBuilder.Transformer.ForAdvice()
                            .include(SinkAdvice.class.getClassLoader())
                            .advice(isConstructor(), SinkAdvice.OnConstruction.class.getName())
                            .advice(named(spec.methodName()).and(not(isStatic())).and(not(isAbstract()))
                                            .and(takesArguments(1).or(takesArguments(2))),
                                    SinkAdvice.OnSinkCall.class.getName()));
        }
        ClassFileTransformer byteBuddy = builder.makeRaw();
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                    ProtectionDomain domain, byte[] classFile) {
                if (className == null || !internalNames.contains(className)) {
                    return null;
                }
                try {
                    byte[] woven = byteBuddy.transform(module, loader, className, redefined, domain, classFile);
                    LOG.debug("sink class {} {}", className, woven == null ? "left unchanged" : "instrumented");
                    return woven;
                } catch (Throwable t) {
                    LOG.warn("could not instrument the sink class {}: {}", className, t.toString());
                    return null;
                }
            }
        }, false);
    }
}
