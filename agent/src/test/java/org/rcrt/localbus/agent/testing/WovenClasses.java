package org.rcrt.localbus.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * For the weavers' unit tests: a test class's own class file, a woven class file defined in a class loader of its
 * own (initialised there, so that the JVM's verifier checks every woven method and its stack map frames now), and
 * a call of one of its public methods that rethrows what the method threw.
 */
public final class WovenClasses {
    private WovenClasses() {}

    public static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    public static Class<?> define(String name, byte[] classFile) throws ClassNotFoundException {
        return Class.forName(name, true, new OneClassLoader(name, classFile));
    }

    /** The public method of that name whose parameters take these arguments, called; its exception rethrown. */
    public static Object call(Object target, String name, Object... args) throws Throwable {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length && takes(m, args)) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + name + Arrays.toString(args));
    }

    /** Exactly: an {@code Object} parameter takes no string, so that overloads on both can be told apart. */
    private static boolean takes(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Class<?> t = MethodType.methodType(types[i]).wrap().returnType();
            if (args[i] != null && (!t.isInstance(args[i]) || (t == Object.class && args[i] instanceof String))) {
                return false;
            }
        }
        return true;
    }

    private static final class OneClassLoader extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OneClassLoader(String name, byte[] bytes) {
            super(WovenClasses.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
            if (n.equals(name)) {
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    return c != null ? c : defineClass(n, bytes, 0, bytes.length);
                }
            }
            return super.loadClass(n, resolve);
        }
    }
}
