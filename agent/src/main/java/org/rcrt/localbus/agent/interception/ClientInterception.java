package org.rcrt.localbus.agent.interception;

import org.rcrt.localbus.internal.InProcessBus;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rcrt.localbus.agent.config.GlobList;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Weaves the hook's calls into the configured methods of every RCRT client class as it loads: concrete classes,
 * abstract bases (their concrete methods), interface default methods, static methods, and JDK dynamic proxies of
 * client interfaces. A subclass override is woven in its own class; the hook's call chain keeps
 * {@code super.createBreadcrumb} to one event.
 *
 * <p>A plain {@link ClassFileTransformer}: the name and byte filters run on every class and cost a constant-pool
 * scan; only a class that declares such a method reaches {@link ClientWeaver}, and with it the first ASM class.
 * A lambda or method reference implementing a client interface can't be woven (its class is hidden): it gets one
 * WARN naming the interface when the class that makes it loads (or, attached, when its class is already there).
 */
public final class ClientInterception implements ClassFileTransformer {
    private static final AgentLog LOG = AgentLog.get();
    private static final Module HOOK_MODULE = InterceptionHook.class.getModule();

    private final ClientClassFilter filter;
    private final Set<String> methods;
    private final LongAdder transformed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    /** What was already said once: lambda-implemented interfaces, transform failures by cause. Bounded by both. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Instrumentation inst;
    /** Sets up what the woven code calls into; run once, before the first client class is woven. */
    private Runnable beforeFirstClient;

    /**
     * @param beforeFirstClient builds and installs the capture the woven code calls, so that a process without
     *                          an RCRT client never loads it
     */
    public ClientInterception(List<String> methods, GlobList include, GlobList exclude, Runnable beforeFirstClient) {
        this.methods = Set.copyOf(methods);
        this.filter = new ClientClassFilter(methods, include, exclude);
        this.beforeFirstClient = beforeFirstClient;
    }

    /** {@code agent.transformedClasses} and {@code agent.transformFailures}. */
    public void registerCounters(InProcessBus bus) {
        bus.registerCounter("agent.transformedClasses", transformed);
        bus.registerCounter("agent.transformFailures", failures);
    }

    /** Adds the transformer; when attached to a running JVM, also retransforms the clients already loaded. */
    public void install(Instrumentation inst, boolean attached) {
        this.inst = inst;
        inst.addTransformer(this, true);
        if (attached) {
            retransformLoadedClients(inst);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || className == null || !filter.nameInScope(className)) {
            return null;
        }
        try {
            int found = filter.scan(classFile);
            if ((found & ClassFileScan.LAMBDA) != 0) {
                for (String i : filter.lambdaInterfaces(classFile)) {
                    warnLambda(i.replace('/', '.'), className.replace('/', '.'));
                }
            }
            if ((found & ClassFileScan.DECLARES) == 0) {
                return null;
            }
            byte[] woven = ClientWeaver.weave(classFile, methods, ClientClassFilter.isProxy(className) ? filter : null);
            if (woven != null) {
                firstClient();
                ensureReadsHook(module);
                transformed.increment();
                LOG.debug("instrumented {}", className);
            }
            return woven;
        } catch (Throwable t) {
            // The class stays as it was (its events still arrive through SSE); each kind of failure is said once.
            failures.increment();
            if (warned.add("failure:" + t.getClass().getName())) {
                LOG.warn("could not instrument {}, it stays as it is: {}", className.replace('/', '.'), t.toString());
            }
            return null;
        }
    }

    private synchronized void firstClient() {
        Runnable setUp = beforeFirstClient;
        if (setUp != null) {
            setUp.run();
            beforeFirstClient = null;
        }
    }

    /** The woven code calls the hook, which is in the bootstrap loader's unnamed module: a named module must read it. */
    private void ensureReadsHook(Module module) {
        if (module != null && !module.canRead(HOOK_MODULE)) {
            inst.redefineModule(module, Set.of(HOOK_MODULE), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    private void warnLambda(String iface, String where) {
        if (warned.add("lambda:" + iface)) {
            LOG.warn("{} is implemented by a lambda or method reference (in {}): its calls are not intercepted, as a "
                    + "lambda's class can't be transformed; their events arrive through SSE only. Implement the "
                    + "interface with a class to have them on the local bus", iface, where);
        }
    }

    private void retransformLoadedClients(Instrumentation inst) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                if (c.getClassLoader() == null) {
                    continue;
                }
                if (c.isHidden()) {
                    warnIfLambdaOfClient(c);
                } else if (inst.isModifiableClass(c) && filter.nameInScope(c.getName().replace('.', '/'))
                        && declaresInterceptedMethod(c)) {
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
                failures.increment();
                LOG.warn("could not instrument the already loaded class {}: {}", c.getName(), t.toString());
            }
        }
        if (!candidates.isEmpty()) {
            LOG.info("attached to a running JVM: instrumented {} already loaded client classes", candidates.size());
        }
    }

    /** A hidden class (a lambda's) implementing a client interface's method: the gap, said once. */
    private void warnIfLambdaOfClient(Class<?> hidden) {
        for (Class<?> i : hidden.getInterfaces()) {
            if (filter.interfaceInScope(i.getName().replace('.', '/'))) {
                for (Method m : i.getMethods()) {
                    if (Modifier.isAbstract(m.getModifiers()) && methods.contains(m.getName())) {
                        warnLambda(i.getName(), hidden.getName());
                        return;
                    }
                }
            }
        }
    }

    private boolean declaresInterceptedMethod(Class<?> c) {
        if (Proxy.isProxyClass(c)) {
            boolean anyAccepted = false;
            for (Class<?> i : c.getInterfaces()) {
                anyAccepted |= filter.interfaceInScope(i.getName().replace('.', '/'));
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
}
