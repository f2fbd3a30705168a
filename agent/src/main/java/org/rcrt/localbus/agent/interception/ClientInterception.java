package org.rcrt.localbus.agent.interception;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import org.rcrt.localbus.agent.config.GlobList;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.agent.event.OncePerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs {@link ReturnAdvice} on the configured methods of every RCRT client class: concrete classes, abstract
 * bases (their concrete methods), interface default methods, and JDK dynamic proxies of client interfaces. A
 * subclass override is instrumented in its own class; the nesting depth in the hook keeps
 * {@code super.createBreadcrumb} to one event.
 */
public final class ClientInterception {
    private static final Logger LOG = LoggerFactory.getLogger(ClientInterception.class);

    private final ClientClassFilter filter;
    private final List<String> methods;
    private final LongAdder buildFailures = new LongAdder();
    private volatile DeferredTransformer transformer;

    public ClientInterception(List<String> methods, GlobList include, GlobList exclude) {
        this.methods = List.copyOf(methods);
        this.filter = new ClientClassFilter(methods, include, exclude);
    }

    public long transformedClasses() {
        DeferredTransformer t = transformer;
        return t == null ? 0 : t.transformedClasses();
    }

    public long failures() {
        DeferredTransformer t = transformer;
        return buildFailures.sum() + (t == null ? 0 : t.failures());
    }

    /** Adds the transformer; when attached to a running JVM, also retransforms the clients already loaded. */
    public void install(Instrumentation inst, boolean attached) throws Exception {
        transformer = new DeferredTransformer("client interception",
                (name, bytes) -> filter.nameInScope(name) && filter.declaresMethod(bytes), () -> build(inst));
        inst.addTransformer(transformer, true);
        if (attached) {
            transformer.awaitReady();
            retransformLoadedClients(inst);
        }
    }

    private ClassFileTransformer build(Instrumentation inst) {
        ElementMatcher.Junction<MethodDescription> interceptedMethod =
                namedOneOf(methods.toArray(String[]::new)).and(not(isAbstract()));
        ClassFileTransformer byteBuddy = AgentBuilders.newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureCounter())
                .ignore(none()) // the name and byte filter has already decided
                .assureReadEdgeTo(inst, InterceptionHook.class)
                .type(this::isClient)
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(ReturnAdvice.class.getClassLoader())
                        .advice(interceptedMethod, ReturnAdvice.class.getName()))
                .makeRaw();
        AgentBuilders.warmUp(byteBuddy, WarmUpClient.class);
        return byteBuddy;
    }

    private boolean isClient(TypeDescription type) {
        if (ClientClassFilter.isProxy(type.getInternalName())) {
            for (TypeDescription.Generic i : type.getInterfaces()) {
                if (filter.globsAccept(i.asErasure().getName()) && filter.nameInScope(i.asErasure().getInternalName())) {
                    return declaresInterceptedMethod(type);
                }
            }
            return false;
        }
        return declaresInterceptedMethod(type);
    }

    private boolean declaresInterceptedMethod(TypeDescription type) {
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (!m.isAbstract() && !m.isConstructor() && methods.contains(m.getName())) {
                return true;
            }
        }
        return false;
    }

    private void retransformLoadedClients(Instrumentation inst) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                if (c.getClassLoader() != null && inst.isModifiableClass(c)
                        && filter.nameInScope(c.getName().replace('.', '/')) && declaresInterceptedMethod(c)) {
                    candidates.add(c);
                }
            } catch (Throwable unreadable) {
                // a class whose methods can't be listed can't be a client we could instrument
            }
        }
        for (Class<?> c : candidates) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                buildFailures.increment();
                LOG.warn("could not instrument the already loaded class {}: {}", c.getName(), t.toString());
            }
        }
        if (!candidates.isEmpty()) {
            LOG.info("attached to a running JVM: instrumented {} already loaded client classes", candidates.size());
        }
    }

    private boolean declaresInterceptedMethod(Class<?> c) {
        if (Proxy.isProxyClass(c)) {
            boolean anyAccepted = false;
            for (Class<?> i : c.getInterfaces()) {
                anyAccepted |= filter.globsAccept(i.getName());
            }
            if (!anyAccepted) {
                return false;
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) && methods.contains(m.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Counts what Byte Buddy could not transform; a class it fails on simply stays as it was. */
    private final class FailureCounter extends AgentBuilder.Listener.Adapter {
        private final OncePerKey failureCauses = new OncePerKey(LOG);

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            buildFailures.increment();
            failureCauses.warn(throwable.toString(), "could not instrument " + typeName + ": " + throwable);
        }
    }
}
