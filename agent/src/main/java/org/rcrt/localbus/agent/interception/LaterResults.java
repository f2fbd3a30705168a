package org.rcrt.localbus.agent.interception;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import org.rcrt.localbus.agent.event.OncePerKey;

/**
 * Calls whose result arrives after they return: through a callback argument (openapi-generator's
 * {@code ApiCallback.onSuccess}, Retrofit's {@code Callback.onResponse}), a returned Retrofit {@code Call} (its
 * {@code execute} or {@code enqueue}), a returned Reactor {@code Mono}/{@code Flux} (each value the application's
 * own subscription receives), or a Kotlin {@code suspend} function's {@code Continuation}.
 *
 * <p>The agent decorates the callback, call, publisher or continuation — as OpenTelemetry's OkHttp and Reactor
 * instrumentations do — so that the application observes exactly the same signals, on the same threads: every
 * method call is forwarded to the original, and executing or subscribing stays the application's act (the agent
 * never subscribes, never executes). A success hands its value to {@code onSuccess} just before it is forwarded; a
 * failure is forwarded only. A shape that can't be decorated safely (OkHttp's raw {@code Callback}, whose body is a
 * stream only the application may read) gives one WARN naming the method, and no event.
 */
final class LaterResults {
    private static final String RETROFIT_CALL = "retrofit2.Call";
    private static final String RETROFIT_CALLBACK = "retrofit2.Callback";
    private static final String OKHTTP_CALL = "okhttp3.Call";
    private static final String OKHTTP_CALLBACK = "okhttp3.Callback";
    private static final String CONTINUATION = "kotlin.coroutines.Continuation";
    private static final String COROUTINE_STACK_FRAME = "kotlin.coroutines.jvm.internal.CoroutineStackFrame";
    private static final String MONO = "reactor.core.publisher.Mono";
    private static final String FLUX = "reactor.core.publisher.Flux";
    private static final String COROUTINE_SUSPENDED = "COROUTINE_SUSPENDED";

    private final OncePerKey problems;

    LaterResults(OncePerKey problems) {
        this.problems = problems;
    }

    /** What a call's arguments say about its result. */
    enum Entry {
        /** An ordinary call: the result is what it returns. */
        DIRECT,
        /** A callback or continuation was decorated: the result arrives through it. */
        DECORATED,
        /** A Kotlin state machine resuming its own suspended call: not a new call at all. */
        RESUMPTION,
        /** The result arrives through something that can't be decorated: no event. */
        UNSUPPORTED
    }

    /** At entry of an application call: decorates a callback or continuation argument in place. */
    Entry decorateArguments(String method, Object[] args, Consumer<Object> onSuccess) {
        Descriptor d = Descriptor.of(method);
        for (int i = 0; i < args.length && i < d.parameters().size(); i++) {
            Object arg = args[i];
            String type = d.parameters().get(i);
            if (arg == null || Proxy.isProxyClass(arg.getClass()) && Proxy.getInvocationHandler(arg) instanceof Forwarder) {
                continue;
            }
            if (type.equals(CONTINUATION)) {
                if (arg.getClass().getName().startsWith(d.declaringClass() + "$")) {
                    return Entry.RESUMPTION; // the function's own state machine calling it again on resume
                }
                args[i] = decorate(arg, CONTINUATION, "resumeWith", onSuccess);
                return args[i] == arg ? unsupported(method, "a Kotlin continuation that can't be decorated") : Entry.DECORATED;
            }
            if (type.equals(OKHTTP_CALLBACK)) {
                return unsupported(method, "an OkHttp Callback (its response body is a stream only the application may read)");
            }
            Class<?> callback = interfaceNamed(arg.getClass(), type);
            if (callback != null && successMethod(callback) != null) {
                args[i] = decorate(arg, type, successMethod(callback), onSuccess);
                return args[i] == arg ? unsupported(method, "a callback " + type + " that can't be decorated") : Entry.DECORATED;
            }
        }
        return Entry.DIRECT;
    }

    /** Whether results of this method's return type arrive later (a Call or a publisher). */
    static boolean returnsLater(String method) {
        String r = Descriptor.of(method).returnType();
        return r.equals(RETROFIT_CALL) || r.equals(MONO) || r.equals(FLUX) || r.equals(OKHTTP_CALL);
    }

    /** At return: the decorated Call or publisher to hand back, or {@code returned} itself when it can't be. */
    Object decorateReturned(String method, Object returned, Consumer<Object> onSuccess) {
        if (returned == null) {
            return null;
        }
        String r = Descriptor.of(method).returnType();
        try {
            if (r.equals(RETROFIT_CALL)) {
                Object call = decorate(returned, RETROFIT_CALL, "execute", onSuccess);
                if (call == returned) {
                    unsupported(method, "a Retrofit Call that can't be decorated");
                }
                return call;
            }
            if (r.equals(MONO) || r.equals(FLUX)) {
                // The publisher's own operator: the value each subscription of the application's receives.
                Method doOnNext = returned.getClass().getMethod("doOnNext", Consumer.class);
                return doOnNext.invoke(returned, onSuccess);
            }
            if (r.equals(OKHTTP_CALL)) {
                unsupported(method, "a returned OkHttp Call (its response body is a stream only the application may read)");
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unsupported(method, "a " + r + " that can't be decorated (" + e.getClass().getName() + ")");
        }
        return returned;
    }

    /** A Kotlin suspend function that returned without suspending has its result in hand. */
    static boolean suspended(Object returned) {
        return returned instanceof Enum<?> e && e.name().equals(COROUTINE_SUSPENDED)
                && e.getClass().getName().startsWith("kotlin.coroutines.");
    }

    private Entry unsupported(String method, String shape) {
        problems.warn("later-shape:" + method, "no local events for " + method.substring(0, method.indexOf('('))
                + ": its result arrives through " + shape + "; they arrive through SSE only");
        return Entry.UNSUPPORTED;
    }

    private static String successMethod(Class<?> callback) {
        for (Method m : callback.getMethods()) {
            if (m.getName().equals("onSuccess") || m.getName().equals("onResponse")) {
                return m.getName();
            }
        }
        return null;
    }

    /**
     * The interface named {@code name} that {@code type} implements, or {@code null}. Asked at the entry of every
     * call for each argument, so the answer is kept per class ({@link Class#getInterfaces} copies an array each
     * time): a {@link ClassValue}, which lives and dies with the class.
     */
    private static Class<?> interfaceNamed(Class<?> type, String name) {
        java.util.Map<String, Class<?>> known = INTERFACES.get(type);
        Class<?> found = known.get(name);
        if (found == null) {
            found = searchInterface(type, name);
            if (found == null) {
                found = NO_INTERFACE;
            }
            if (known.size() < 64) {
                known.put(name, found);
            }
        }
        return found == NO_INTERFACE ? null : found;
    }

    private static final Class<?> NO_INTERFACE = Void.class;
    private static final ClassValue<java.util.Map<String, Class<?>>> INTERFACES = new ClassValue<>() {
        @Override
        protected java.util.Map<String, Class<?>> computeValue(Class<?> type) {
            return new java.util.concurrent.ConcurrentHashMap<>();
        }
    };

    private static Class<?> searchInterface(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
                Class<?> deeper = searchInterface(i, name);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    /** A proxy of {@code target} under its interface {@code type}, or {@code target} itself when none can be made. */
    private Object decorate(Object target, String type, String successMethod, Consumer<Object> onSuccess) {
        Class<?> iface = interfaceNamed(target.getClass(), type);
        if (iface == null) {
            return target;
        }
        // A continuation is also a link of the coroutine's debug stack, which kotlinx.coroutines' stack trace
        // recovery walks: the decoration stands in for that link too, so recovered stack traces stay as they were.
        Class<?> stackFrame = type.equals(CONTINUATION) ? interfaceNamed(target.getClass(), COROUTINE_STACK_FRAME) : null;
        Class<?>[] interfaces = stackFrame != null && stackFrame.getClassLoader() == iface.getClassLoader()
                ? new Class<?>[] {iface, stackFrame} : new Class<?>[] {iface};
        try {
            return Proxy.newProxyInstance(iface.getClassLoader(), interfaces,
                    new Forwarder(target, successMethod, onSuccess, this));
        } catch (RuntimeException | LinkageError e) {
            return target;
        }
    }

    /**
     * Forwards every call to the original; on the success method, first hands over the result. For a Retrofit
     * {@code Call}, {@code execute}'s response is the result, {@code enqueue}'s callback and {@code clone}'s copy
     * are decorated the same way.
     */
    private static final class Forwarder implements InvocationHandler {
        private final Object target;
        private final String successMethod;
        private final Consumer<Object> onSuccess;
        private final LaterResults owner;

        Forwarder(Object target, String successMethod, Consumer<Object> onSuccess, LaterResults owner) {
            this.target = target;
            this.successMethod = successMethod;
            this.onSuccess = onSuccess;
            this.owner = owner;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            Object[] forwarded = args;
            if (target.getClass().getName().startsWith("retrofit2.") || interfaceNamed(target.getClass(), RETROFIT_CALL) != null) {
                if (name.equals("enqueue") && args != null && args.length == 1 && args[0] != null) {
                    forwarded = new Object[] {owner.decorate(args[0], RETROFIT_CALLBACK, "onResponse", onSuccess)};
                }
            }
            if (!name.equals("execute") && name.equals(successMethod) && args != null) {
                handOver(name.equals("onSuccess") ? successValue(args) : args[args.length - 1]);
            }
            Object result;
            try {
                if (!method.canAccess(target)) {
                    method.setAccessible(true);
                }
                result = method.invoke(target, forwarded);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (name.equals("execute") && successMethod.equals("execute")) {
                handOver(result);
            } else if (name.equals("clone") && result != null && successMethod.equals("execute")) {
                result = owner.decorate(result, RETROFIT_CALL, "execute", onSuccess);
            }
            return result;
        }

        /** {@code onSuccess(T result, int statusCode, headers)}: the result, unless the status says otherwise. */
        private static Object successValue(Object[] args) {
            if (args.length > 1 && args[1] instanceof Integer status && status / 100 != 2) {
                return null;
            }
            return args[0];
        }

        private void handOver(Object value) {
            if (value == null || value.getClass().getName().equals("kotlin.Result$Failure")) {
                return;
            }
            try {
                onSuccess.accept(value);
            } catch (RuntimeException | StackOverflowError e) {
                // never into the application: SSE still delivers
            }
        }
    }
}
