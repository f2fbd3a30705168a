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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.rcrt.localbus.agent.config.AgentConfig.SinkSpec;
import net.bytebuddy.utility.JavaModule;
import org.rcrt.localbus.agent.interception.AgentBuilders;
import org.rcrt.localbus.agent.interception.DeferredTransformer;
import org.rcrt.localbus.bootstrap.SinkHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weaves {@link SinkAdvice} into the configured sink classes, found by exact name only: no other class is parsed.
 * A sink class already loaded when the agent attaches keeps running uninstrumented: its existing instances can't
 * be found, so only the client side of an attached agent works.
 */
public final class SinkInterception {
    private static final Logger LOG = LoggerFactory.getLogger(SinkInterception.class);
    private SinkInterception() {}

    public static void install(Instrumentation inst, List<SinkSpec> specs) {
        Set<String> internalNames = specs.stream().map(s -> s.className().replace('.', '/')).collect(Collectors.toSet());
        inst.addTransformer(new DeferredTransformer("sink interception",
                (name, bytes) -> internalNames.contains(name), () -> build(inst, specs)), false);
    }

    private static ClassFileTransformer build(Instrumentation inst, List<SinkSpec> specs) {
        AgentBuilder builder = AgentBuilders.newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .ignore(none())
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                                        Throwable error) {
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
        return builder.makeRaw();
    }
}
