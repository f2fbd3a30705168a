package org.rcrt.localbus.agent.event;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Parameter names of an intercepted method, where the class was compiled with {@code -parameters}: they tell which
 * argument of an update is the id and which the If-Match version. For a dynamic proxy the names come from the
 * interface method. Cached weakly per class, holding strings only, so no class loader is kept alive by it.
 */
final class MethodParameters {
    private static final String[] NONE = new String[0];
    private final Map<Class<?>, Map<String, String[]>> cache = Collections.synchronizedMap(new WeakHashMap<>());

    /** The names, or {@code null} when they are not known. */
    String[] names(Object client, String method, int argCount) {
        if (client == null || method == null) {
            return null;
        }
        Class<?> type = client.getClass();
        // get and put, not computeIfAbsent with lambdas: this runs at an application's first update, where a
        // lambda's first use would spin its class on the caller's thread. A race looks a method up twice, no more.
        Map<String, String[]> perMethod = cache.get(type);
        if (perMethod == null) {
            perMethod = Collections.synchronizedMap(new HashMap<>());
            Map<String, String[]> raced = cache.putIfAbsent(type, perMethod);
            perMethod = raced != null ? raced : perMethod;
        }
        String[] names = perMethod.get(method);
        if (names == null) {
            names = lookup(type, CallKinds.simpleName(method), descriptor(method), argCount);
            perMethod.put(method, names);
        }
        return names == NONE ? null : names;
    }

    /** {@code (Ljava/lang/String;J)V} out of {@code com.acme.Client.update(Ljava/lang/String;J)V}; null if absent. */
    private static String descriptor(String method) {
        int paren = method.indexOf('(');
        return paren < 0 ? null : method.substring(paren);
    }

    private static String[] lookup(Class<?> type, String name, String descriptor, int argCount) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String[] found = namesIn(c, name, descriptor, argCount);
            if (found != null) {
                return found;
            }
            for (Class<?> i : c.getInterfaces()) {
                found = namesIn(i, name, descriptor, argCount);
                if (found != null) {
                    return found;
                }
            }
        }
        return NONE;
    }

    /** The overload with exactly this descriptor, so that {@code (id, patch, long ifMatch)} and {@code (id, patch, int timeoutMs)} differ. */
    private static String[] namesIn(Class<?> c, String name, String descriptor, int argCount) {
        try {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == argCount && (descriptor == null
                        || java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                                .toMethodDescriptorString().equals(descriptor))) {
                    Parameter[] ps = m.getParameters();
                    if (ps.length > 0 && !ps[0].isNamePresent()) {
                        continue;
                    }
                    String[] out = new String[ps.length];
                    for (int i = 0; i < ps.length; i++) {
                        out[i] = ps[i].getName();
                    }
                    return out;
                }
            }
        } catch (LinkageError | SecurityException unreadable) {
            // a class whose methods can't be resolved: no names
        }
        return null;
    }
}
