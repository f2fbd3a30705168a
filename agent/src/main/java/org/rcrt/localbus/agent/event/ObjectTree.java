package org.rcrt.localbus.agent.event;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.rcrt.localbus.internal.Json;

/**
 * Turns whatever an RCRT client passes or returns — a POJO, a record, a Map, a Jackson tree of the application's
 * own Jackson, a JSON string — into a plain JDK value tree ({@code Map}, {@code List}, {@code String}, numbers,
 * booleans), the form {@link org.rcrt.localbus.BreadcrumbEvent} is built from.
 *
 * <p>It runs on the agent's dispatch thread, never the caller's, and is bounded: depth, node count and text size
 * are capped, cycles are cut, and a getter that throws only loses its own property. Exceeding a cap is an
 * {@link TooLarge}: the local event is then skipped (SSE still delivers it) rather than half-built.
 */
final class ObjectTree {
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 100_000;
    /**
     * Breadcrumbs are small records; a local event keeps its converted body while it waits in subscriber queues,
     * so this cap (times {@code queue.capacity}) is what bounds the memory a stuck subscriber can hold.
     */
    static final int MAX_TEXT_CHARS = 1024 * 1024;

    /** The input is beyond the caps. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String what) {
            super(what, null, false, false);
        }
    }

    private final OncePerKey problems;
    private final IdentityHashMap<Object, Boolean> onPath = new IdentityHashMap<>();
    private int nodes;
    private long chars;

    private ObjectTree(OncePerKey problems) {
        this.problems = problems;
    }

    /** Converts one value; throws {@link TooLarge} when it is beyond the caps. */
    static Object of(Object value, OncePerKey problems) {
        return new ObjectTree(problems).convert(value, 0);
    }

    /** Parses JSON text under the same caps; {@code null} when it is not JSON. */
    static Object parseJson(String text, OncePerKey problems) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new TooLarge("a JSON text of " + text.length() + " characters");
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            problems.warn("malformed-json", "a String argument or return value that looks like JSON could not be parsed: "
                    + notJson.getMessage());
            return null;
        }
    }

    static boolean looksLikeJson(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private Object convert(Object value, int depth) {
        if (++nodes > MAX_NODES) {
            throw new TooLarge("more than " + MAX_NODES + " values");
        }
        if (depth > MAX_DEPTH) {
            throw new TooLarge("nesting deeper than " + MAX_DEPTH);
        }
        if (value == null || value instanceof Boolean || value instanceof Number) {
            return value instanceof Number n && !(n instanceof Long || n instanceof Double) ? Json.freeze(n) : value;
        }
        if (value instanceof CharSequence cs) {
            chars += cs.length();
            if (chars > MAX_TEXT_CHARS) {
                throw new TooLarge("more than " + MAX_TEXT_CHARS + " characters of text");
            }
            return cs.toString();
        }
        if (value instanceof Character || value instanceof UUID || value instanceof Enum<?>
                || value instanceof java.time.temporal.TemporalAccessor || value instanceof java.net.URI) {
            return value.toString();
        }
        if (value instanceof Optional<?> opt) {
            return convert(opt.orElse(null), depth);
        }
        if (isJacksonTree(value.getClass())) {
            String json = value.toString();
            Object parsed = parseJson(json, problems);
            return parsed;
        }
        if (onPath.put(value, Boolean.TRUE) != null) {
            problems.warn("cycle:" + value.getClass().getName(), "a cyclic object graph through "
                    + value.getClass().getName() + " was cut where it loops");
            return null;
        }
        try {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(String.valueOf(e.getKey()), convert(e.getValue(), depth + 1));
                }
                return out;
            }
            if (value instanceof Iterable<?> items) {
                List<Object> out = new ArrayList<>();
                for (Object item : items) {
                    out.add(convert(item, depth + 1));
                }
                return out;
            }
            if (value.getClass().isArray()) {
                if (value instanceof byte[] bytes) {
                    return "<" + bytes.length + " bytes>";
                }
                int n = java.lang.reflect.Array.getLength(value);
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(convert(java.lang.reflect.Array.get(value, i), depth + 1));
                }
                return out;
            }
            if (value.getClass().getName().startsWith("java.")) {
                return value.toString();
            }
            return properties(value, depth);
        } finally {
            onPath.remove(value);
        }
    }

    private Map<String, Object> properties(Object bean, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Property p : PROPERTIES.get(bean.getClass())) {
            Object raw;
            try {
                raw = p.read(bean);
            } catch (Throwable t) {
                problems.warn("getter:" + bean.getClass().getName() + "#" + p.member(),
                        "property " + bean.getClass().getName() + "#" + p.member() + " threw "
                                + (t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                                        ? t.getCause().getClass().getName() : t.getClass().getName())
                                + "; it is left out of local events");
                continue;
            }
            out.put(p.name(), convert(raw, depth + 1));
        }
        return out;
    }

    /**
     * How to read one JSON property of a bean: found once per class by reflection (a record's components; a POJO's
     * getters, public fields and {@code @JsonProperty} fields), then reused. A {@link ClassValue}, so the cache lives
     * and dies with the class and never keeps an application's class loader alive.
     */
    private record Property(String name, Method getter, Field field) {
        Object read(Object bean) throws ReflectiveOperationException {
            return getter != null ? getter.invoke(bean) : field.get(bean);
        }

        String member() {
            return getter != null ? getter.getName() + "()" : field.getName();
        }
    }

    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return discover(type);
        }
    };

    private static List<Property> discover(Class<?> type) {
        Map<String, Property> found = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                Method accessor = rc.getAccessor();
                if (accessible(accessor)) {
                    String name = jsonName(rc.getName(), rc.getAnnotations(), accessor.getAnnotations(),
                            fieldAnnotations(type, rc.getName()));
                    found.put(name, new Property(name, accessor, null));
                }
            }
            return List.copyOf(found.values());
        }
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String property = propertyName(m);
            if (property != null && !ignored(m.getAnnotations()) && accessible(m)) {
                String name = jsonName(property, m.getAnnotations(), fieldAnnotations(type, property));
                found.putIfAbsent(name, new Property(name, m, null));
            }
        }
        for (Field f : publicFields(type)) {
            String name = jsonName(f.getName(), f.getAnnotations());
            if (!ignored(f.getAnnotations()) && accessible(f)) {
                found.putIfAbsent(name, new Property(name, null, f));
            }
        }
        for (Field f : privateAnnotatedFields(type)) {
            String name = jsonName(f.getName(), f.getAnnotations());
            if (!ignored(f.getAnnotations()) && accessible(f)) {
                found.putIfAbsent(name, new Property(name, null, f));
            }
        }
        return List.copyOf(found.values());
    }

    /** Makes a member callable from here; false when its module doesn't open it (it is then left out). */
    private static boolean accessible(java.lang.reflect.AccessibleObject member) {
        try {
            member.setAccessible(true);
            return true;
        } catch (RuntimeException notOpen) {
            return false;
        }
    }

    private static String propertyName(Method m) {
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3 && m.getReturnType() != void.class) {
            return Character.toLowerCase(n.charAt(3)) + n.substring(4);
        }
        if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
            return Character.toLowerCase(n.charAt(2)) + n.substring(3);
        }
        return null;
    }

    private static List<Field> publicFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                out.add(f);
            }
        }
        return out;
    }

    /** Private fields a Jackson user marked with {@code @JsonProperty}: they are part of the wire form. */
    private static List<Field> privateAnnotatedFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isPublic(f.getModifiers())
                        && annotationValue(f.getAnnotations(), "JsonProperty") != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static Annotation[] fieldAnnotations(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name).getAnnotations();
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        return new Annotation[0];
    }

    /** Honours Jackson's {@code @JsonProperty("schema_name")} by name, without linking to any Jackson. */
    @SafeVarargs
    private static String jsonName(String javaName, Annotation[]... annotationSets) {
        for (Annotation[] set : annotationSets) {
            String v = annotationValue(set, "JsonProperty");
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return javaName;
    }

    private static boolean ignored(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals("JsonIgnore")) {
                return true;
            }
        }
        return false;
    }

    private static String annotationValue(Annotation[] annotations, String simpleName) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                try {
                    Object v = a.annotationType().getMethod("value").invoke(a);
                    return v instanceof String s ? s : null;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static boolean isJacksonTree(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String n = c.getName();
            if (n.equals("com.fasterxml.jackson.databind.JsonNode") || n.equals("tools.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }
}
