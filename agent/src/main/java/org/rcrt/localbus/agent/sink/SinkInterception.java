package org.rcrt.localbus.agent.sink;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import org.rcrt.localbus.agent.config.AgentConfig.SinkSpec;
import org.rcrt.localbus.agent.interception.AgentBuilders;
import org.rcrt.localbus.agent.interception.DeferredTransformer;
import org.rcrt.localbus.bootstrap.SinkHook;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Weaves {@link SinkAdvice} into the configured sink classes and their subclasses ({@link SinkClasses} decides,
 * from the class file and its superclasses' files; no other class is parsed): every constructor reports the new
 * instance, and the sink method — the class's own declaration, so an override too — gets the claim advice.
 * Byte Buddy is loaded only here, so only when a sink is configured. A sink class already loaded when the agent
 * attaches keeps running uninstrumented: its existing instances can't be found, so only the client side of an
 * attached agent works.
 */
public final class SinkInterception {
    private static final AgentLog LOG = AgentLog.get();

    private SinkInterception() {}

    /** Weaves the classes of the sinks that {@code handler} registers. */
    public static void install(Instrumentation inst, Sinks handler) {
        SinkClasses classes = handler.classes();
        inst.addTransformer(new DeferredTransformer("sink interception", classes::isSinkClass,
                () -> build(inst, classes)), false);
    }

    private static ClassFileTransformer build(Instrumentation inst, SinkClasses classes) {
        return AgentBuilders.newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .ignore(none())
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                                                 boolean loaded, DynamicType dynamicType) {
                        classes.markWoven(type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                                        Throwable error) {
                        LOG.warn("could not instrument the sink class {}: {}", typeName, error.toString());
                    }
                })
                .assureReadEdgeTo(inst, SinkHook.class)
                .type(type -> classes.specOf(type.getName()) != null)
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(SinkAdvice.class.getClassLoader())
                        .advice(isConstructor(), SinkAdvice.OnConstruction.class.getName())
                        .advice(new DeclaredSinkMethod(classes).and(not(isStatic())).and(not(isAbstract()))
                                        .and(takesArguments(1).or(takesArguments(2))),
                                SinkAdvice.OnSinkCall.class.getName()))
                .makeRaw();
    }

    /** The sink method of its declaring class's spec. */
    private static final class DeclaredSinkMethod extends ElementMatcher.Junction.AbstractBase<MethodDescription> {
        private final SinkClasses classes;

        DeclaredSinkMethod(SinkClasses classes) {
            this.classes = classes;
        }

        @Override
        public boolean matches(MethodDescription m) {
            SinkSpec spec = classes.specOf(m.getDeclaringType().asErasure().getName());
            return spec != null && spec.methodName().equals(m.getName());
        }
    }
}
