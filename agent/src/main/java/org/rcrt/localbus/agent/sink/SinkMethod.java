package org.rcrt.localbus.agent.sink;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.internal.Json;

/**
 * A sink method and how to call it with a local event: {@code (event)} or {@code (event, breadcrumb)}, each
 * parameter a {@code String} (JSON), a {@code Map}, the application's own Jackson {@code JsonNode}, or an
 * application POJO or record, bound by the application's own Jackson so that its annotations count. For the
 * breadcrumb parameter the event's {@link BreadcrumbEvent#breadcrumb()} is used.
 */
final class SinkMethod {
    private final Method method;
    private final Function<BreadcrumbEvent, Object>[] arguments;

    private SinkMethod(Method method, Function<BreadcrumbEvent, Object>[] arguments) {
        this.method = method;
        this.arguments = arguments;
    }

    /** Why a method can't be a sink, or {@code null} when it can. */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** How one parameter of a sink method is given the event. */
    enum Binding {
        JSON_TEXT("JSON text"), MAP("a Map"), EVENT("the BreadcrumbEvent"), JACKSON("bound by the application's Jackson");

        final String text;

        Binding(String text) {
            this.text = text;
        }
    }

    /** Finds {@code name} in {@code type} or its superclasses, preferring the two-parameter form. */
    static SinkMethod resolve(Class<?> type, String name) throws Unsupported {
        Method best = find(type, name);
        try {
            best.setAccessible(true);
        } catch (RuntimeException notOpen) {
            throw new Unsupported(best + " is not accessible: " + notOpen.getMessage());
        }
        @SuppressWarnings("unchecked")
        Function<BreadcrumbEvent, Object>[] args = new Function[best.getParameterCount()];
        Class<?>[] types = best.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            boolean breadcrumb = i == 1;
            args[i] = converter(types[i], binding(types[i], best), breadcrumb, type.getClassLoader(), best);
        }
        return new SinkMethod(best, args);
    }

    /** The instance method {@code name} with one or two parameters in {@code type} or its superclasses. */
    static Method find(Class<?> type, String name) throws Unsupported {
        Method best = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())
                        && (m.getParameterCount() == 1 || m.getParameterCount() == 2)
                        && (best == null || m.getParameterCount() > best.getParameterCount())) {
                    best = m;
                }
            }
            if (best != null) {
                return best;
            }
        }
        throw new Unsupported("no instance method " + name + " with one or two parameters in " + type.getName());
    }

    static Binding binding(Class<?> param, Method method) throws Unsupported {
        if (param == String.class || param == CharSequence.class) {
            return Binding.JSON_TEXT;
        }
        if (param == Map.class || param == Object.class || param == LinkedHashMap.class) {
            return Binding.MAP;
        }
        if (param == BreadcrumbEvent.class) {
            return Binding.EVENT;
        }
        if (param.isPrimitive() || param.isArray() || param.getName().startsWith("java.")) {
            throw new Unsupported("parameter type " + param.getName() + " of " + method + " is not supported"
                    + " (use String, Map, Jackson's JsonNode, or a POJO/record)");
        }
        return Binding.JACKSON;
    }

    static Unsupported noJackson(Class<?> param, Method method) {
        return new Unsupported("parameter type " + param.getName() + " of " + method
                + " needs Jackson to bind, and the application has no com.fasterxml.jackson.databind.ObjectMapper");
    }

    private static Function<BreadcrumbEvent, Object> converter(Class<?> param, Binding binding, boolean breadcrumb,
                                                               ClassLoader loader, Method method) throws Unsupported {
        Function<BreadcrumbEvent, Map<String, Object>> source = breadcrumb ? BreadcrumbEvent::breadcrumb : BreadcrumbEvent::payload;
        switch (binding) {
            case JSON_TEXT:
                return e -> Json.write(source.apply(e));
            case MAP:
                return e -> new LinkedHashMap<>(source.apply(e));
            case EVENT:
                return e -> e;
            default:
                break;
        }
        ApplicationJackson jackson = ApplicationJackson.of(loader);
        if (jackson == null) {
            throw noJackson(param, method);
        }
        if (jackson.isTree(param)) {
            return e -> jackson.readTree(Json.write(source.apply(e)));
        }
        return e -> jackson.readValue(Json.write(source.apply(e)), param);
    }

    /** Calls the method; what it throws propagates (the bus counts it as a listener error). */
    void invoke(Object target, BreadcrumbEvent event) throws Throwable {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments[i].apply(event);
        }
        try {
            method.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getName() + "#" + method.getName();
    }

    /** The application's own Jackson, reached reflectively through the sink's class loader. */
    static final class ApplicationJackson {
        private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
        private final Class<?> jsonNode;
        private final MethodHandle readTree;
        private final MethodHandle readValue;

        private ApplicationJackson(Class<?> mapperType, Class<?> jsonNode, Object mapper) throws ReflectiveOperationException {
            this.jsonNode = jsonNode;
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            this.readTree = lookup.findVirtual(mapperType, "readTree", MethodType.methodType(jsonNode, String.class)).bindTo(mapper);
            this.readValue = lookup.findVirtual(mapperType, "readValue", MethodType.methodType(Object.class, String.class, Class.class))
                    .bindTo(mapper);
        }

        static ApplicationJackson of(ClassLoader loader) {
            try {
                Class<?> mapperType = Class.forName(MAPPER, true, loader);
                Class<?> nodeType = Class.forName("com.fasterxml.jackson.databind.JsonNode", true, loader);
                Object mapper = mapperType.getConstructor().newInstance();
                Class<?> feature = Class.forName("com.fasterxml.jackson.databind.DeserializationFeature", true, loader);
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object failOnUnknown = Enum.valueOf((Class) feature, "FAIL_ON_UNKNOWN_PROPERTIES");
                mapperType.getMethod("configure", feature, boolean.class).invoke(mapper, failOnUnknown, false);
                return new ApplicationJackson(mapperType, nodeType, mapper);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
                return null;
            }
        }

        boolean isTree(Class<?> param) {
            return jsonNode.isAssignableFrom(param);
        }

        Object readTree(String json) {
            try {
                return readTree.invoke(json);
            } catch (Throwable t) {
                throw new IllegalStateException("the application's Jackson could not read the event: " + t.getClass().getName(), t);
            }
        }

        Object readValue(String json, Class<?> type) {
            try {
                return readValue.invoke(json, type);
            } catch (Throwable t) {
                throw new IllegalStateException("the application's Jackson could not bind the event to " + type.getName()
                        + ": " + t.getClass().getName(), t);
            }
        }
    }
}
