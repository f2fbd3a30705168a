package org.rcrt.localbus.agent.interception;

import org.rcrt.localbus.agent.event.CallKinds;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.rcrt.localbus.agent.config.GlobList;

/**
 * Which classes and methods the agent intercepts: the one decision the transformer makes at run time and the
 * offline {@code scan} command applies to class files, so that the two cannot disagree. First the cheap look by
 * name and bytes ({@link #candidate}), then the exact one on Byte Buddy's description of the type
 * ({@link #isClient}), then the methods ({@link #interceptedMethod}).
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
