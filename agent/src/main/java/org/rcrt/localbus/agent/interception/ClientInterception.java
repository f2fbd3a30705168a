package org.rcrt.localbus.agent.interception;

import org.rcrt.localbus.internal.InProcessBus;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rcrt.localbus.agent.config.GlobList;
import org.rcrt.localbus.agent.event.CallKinds;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Weaves the hook's calls into the configured methods of every RCRT client class as it loads: concrete classes,
 * abstract bases (their concrete methods), interface default methods, static methods, and JDK dynamic proxies of
 * client interfaces. A subclass override is woven in its own class; the hook's call chain keeps
 * {@code super.createBreadcrumb} to one event. A proxy's methods are also woven, whatever their names, when its
 * interface's HTTP annotations route them to RCRT's create or update ({@link HttpRoutes}); their kinds are learned
 * then, in {@link CallKinds}.
 *
 * <p>A plain {@link ClassFileTransformer}: the name and byte filters run on every class and cost a constant-pool
 * scan; only a class that declares such a method reaches {@link ClientWeaver}, and with it the first ASM class.
 * A lambda or method reference implementing a client interface can't be woven (its class is hidden): it gets one
 * WARN naming the interface when the class that makes it loads (or, attached, when its class is already there).
 */
public final class ClientInterception implements ClassFileTransformer {
    private static final AgentLog LOG = AgentLog.get();

    private final ClientClassFilter filter;
    private final CallKinds kinds;
    private final Set<String> methods;
    /** Made with the first proxy of a client interface: its ASM classes never load in a process without one. */
    private HttpRoutes routes;
    private volatile boolean saidLearnedFull;
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
    public ClientInterception(CallKinds kinds, GlobList include, GlobList exclude, Runnable beforeFirstClient) {
        this.kinds = kinds;
        this.methods = Set.copyOf(kinds.names());
        this.filter = new ClientClassFilter(kinds.names(), include, exclude);
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
            boolean proxy = ClientClassFilter.isProxy(className);
            Set<String> routed = proxy ? routed(loader, className, ClassFileScan.interfaces(classFile)) : Set.of();
            if ((found & ClassFileScan.DECLARES) == 0 && routed.isEmpty()) {
                return null;
            }
            byte[] woven = ClientWeaver.weave(classFile, methods, routed, proxy ? filter : null);
            if (woven != null) {
                firstClient();
                HookReads.ensure(inst, module);
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

    /**
     * The methods of a proxy class (by name and descriptor) that its interfaces' HTTP annotations route, whose kinds
     * are now learned. A configured name is not among them: it is woven by its name, with its configured kind.
     */
    private Set<String> routed(ClassLoader loader, String proxy, List<String> interfaces) {
        if (!anyInScope(interfaces)) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, HttpRoutes.Route> e : routes().ofProxy(loader, interfaces).entrySet()) {
            String method = e.getKey();
            if (methods.contains(method.substring(0, method.indexOf('(')))) {
                continue;
            }
            if (kinds.learn(ClientWeaver.method(proxy, method), e.getValue().kind())) {
                out.add(method);
            } else if (!saidLearnedFull) {
                saidLearnedFull = true;
                LOG.info("the kinds of {} annotated client methods are known, the most the agent keeps: further "
                        + "proxies' methods are intercepted by their configured names only", CallKinds.MAX_LEARNED);
            }
        }
        return out;
    }

    private boolean anyInScope(List<String> interfaces) {
        for (String i : interfaces) {
            if (filter.interfaceInScope(i)) {
                return true;
            }
        }
        return false;
    }

    private synchronized HttpRoutes routes() {
        if (routes == null) {
            routes = new HttpRoutes(filter);
        }
        return routes;
    }

    private synchronized void firstClient() {
        Runnable setUp = beforeFirstClient;
        if (setUp != null) {
            setUp.run();
            beforeFirstClient = null;
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
            List<String> interfaces = new ArrayList<>();
            for (Class<?> i : c.getInterfaces()) {
                interfaces.add(i.getName().replace('.', '/'));
            }
            if (!anyInScope(interfaces)) {
                return false;
            }
            if (!routes().ofProxy(c.getClassLoader(), interfaces).isEmpty()) {
                return true; // its transformation weaves what the routes name
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
