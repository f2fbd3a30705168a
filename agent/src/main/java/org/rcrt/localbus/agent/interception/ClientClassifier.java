package org.rcrt.localbus.agent.interception;

import org.rcrt.localbus.agent.event.CallKinds;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.rcrt.localbus.agent.config.GlobList;

/**
 * Which classes and methods the agent intercepts: the one decision the transformer makes at run time and the
 * offline {@code scan} command applies to class files, so that the two cannot disagree. First the cheap look by
 * name and bytes ({@link #candidate}), then the exact one on Byte Buddy's description of the type
 * ({@link #isClient}), then the methods ({@link #interceptedMethod}). An interface's methods routed by HTTP
 * annotations ({@link #routes}) are woven in its JDK proxies, which exist only at run time.
 */
public final class ClientClassifier {
    private final CallKinds kinds;
    private final List<String> methods;
    private final ClientClassFilter filter;

    public ClientClassifier(CallKinds kinds, GlobList include, GlobList exclude) {
        this.kinds = kinds;
        this.methods = kinds.names();
        this.filter = new ClientClassFilter(methods, include, exclude);
    }

    /** Which intercepted method is a create and which an update. */
    public CallKinds kinds() {
        return kinds;
    }

    ClientClassFilter filter() {
        return filter;
    }

    List<String> methods() {
        return methods;
    }

    /** By internal name ({@code com/acme/Client}) and class file: could this class declare an intercepted method? */
    public boolean candidate(String internalName, byte[] classFile) {
        return filter.nameInScope(internalName) && (filter.scan(classFile) & ClassFileScan.DECLARES) != 0;
    }

    /** The exact decision on the type, described from a loaded class or from class files alone. */
    public boolean isClient(TypeDescription type) {
        if (ClientClassFilter.isProxy(type.getInternalName())) {
            for (TypeDescription.Generic i : type.getInterfaces()) {
                if (filter.interfaceInScope(i.asErasure().getInternalName())) {
                    return declaresInterceptedMethod(type);
                }
            }
            return false;
        }
        return declaresInterceptedMethod(type);
    }

    /**
     * For an interface's class file: its own and its super-interfaces' methods that its JDK proxies get woven for
     * by their HTTP annotations, by name and descriptor, as {@link HttpRoutes} decides for the running agent (for a
     * proxy that is not a Spring AOP proxy). A configured name keeps its configured kind, as at run time.
     */
    public Map<String, HttpRoutes.Route> routes(String internalName, HttpRoutes.ClassFiles files) {
        Map<String, HttpRoutes.Route> out = new LinkedHashMap<>();
        if (!filter.interfaceInScope(internalName)) {
            return out;
        }
        for (Map.Entry<String, HttpRoutes.Route> e : HttpRoutes.of(internalName, files, filter, false).entrySet()) {
            String name = e.getKey().substring(0, e.getKey().indexOf('('));
            HttpRoutes.Route r = e.getValue();
            out.put(e.getKey(), kinds.configured(name)
                    ? new HttpRoutes.Route(kinds.of(name), r.because() + "; the kind is its configured name's") : r);
        }
        return out;
    }

    /** The methods of a client type that get the advice. */
    public ElementMatcher.Junction<MethodDescription> interceptedMethod() {
        return namedOneOf(methods.toArray(String[]::new)).and(not(isAbstract()));
    }

    private boolean declaresInterceptedMethod(TypeDescription type) {
        for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
            if (!m.isAbstract() && !m.isConstructor() && methods.contains(m.getName())) {
                return true;
            }
        }
        return false;
    }
}
