package org.rcrt.localbus.agent.event;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rcrt.localbus.internal.Json;

/**
 * Turns whatever an RCRT client passes or returns — a POJO, a record, a Map, a Jackson tree of the application's
 * own Jackson, a JSON string — into a deeply frozen JDK value tree ({@code Map}, {@code List}, {@code String},
 * numbers, booleans): the snapshot a local event is built from.
 *
 * <p><b>It reads state, it never runs the application's code.</b> A record is read through its component fields,
 * a POJO through its instance fields (named as Jackson or Gson would write them: {@code @JsonProperty},
 * {@code @SerializedName}), never through getters, {@code toString}, {@code equals} or {@code hashCode}. Only
 * collections whose classes are known to iterate without side effects (the JDK's, Guava's, Kotlin's) are
 * iterated; an application's own collection type is {@link Unreadable}. A Jackson tree is written by Jackson's own
 * {@code toString}, a library accessor with no side effects.
 *
 * <p>It runs on the caller's thread at the moment the call returns, so it is bounded: depth, node count and text
 * size are capped and cycles are cut. Exceeding a cap is {@link TooLarge}: the local event is then skipped (SSE
 * still delivers it) rather than half-built.
 */
final class ObjectTree {
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 100_000;
    /**
     * Breadcrumbs are small records; a local event keeps its converted body while it waits in subscriber queues,
     * so this cap (times {@code queue.capacity}) is what bounds the memory a stuck subscriber can hold.
     */
    static final int MAX_TEXT_CHARS = 1024 * 1024;
    /** Collection types iterated as they are: their iteration is known to have no side effects. */
    private static final List<String> TRUSTED_COLLECTIONS = List.of("java.", "com.google.common.collect.", "kotlin.collections.",
            "org.rcrt.localbus.internal.Json$"); // the api's own frozen trees

    /** The input is beyond the caps. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String what) {
            super(what, null, false, false);
        }
    }

    /** The input holds a value that can't be read without running application code. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String what) {
            super(what, null, false, false);
        }
    }

    private final OncePerKey problems;
    /** The containers from the root to the value being converted, to cut cycles (see {@link #enter}). */
    private Object[] path = new Object[8];
    private int pathLength;
    private int nodes;
    private long chars;

    private ObjectTree(OncePerKey problems) {
        this.problems = problems;
    }

    /** Converts one value; throws {@link TooLarge} or {@link Unreadable}. */
    static Object of(Object value, OncePerKey problems) {
        return new ObjectTree(problems).convert(value, 0);
    }

    /** A converter for several values of one call, sharing the caps; {@link #footprint()} tells what they weigh. */
    static ObjectTree converter(OncePerKey problems) {
        return new ObjectTree(problems);
    }

    /** Converts one more value under the caps shared with this converter's earlier ones. */
    Object convert(Object value) {
        return convert(value, 0);
    }

    /**
     * About how many bytes of heap the snapshots made so far hold: two per character of text and
     * {@link #BYTES_PER_VALUE} per value (a map entry, a list slot, a boxed number). An estimate, but one that
     * counts the structure and not the text alone: a record of a thousand short values weighs what it really does.
     */
    long footprint() {
        return 2 * chars + (long) BYTES_PER_VALUE * nodes;
    }

    static final int BYTES_PER_VALUE = 48;

    /**
     * A fixed list of JSON names whose raw values are read from beans without converting anything else: for the few
     * fields a response wrapper is read by. Which field of a class has which name is found once per class.
     */
    static final class FieldNames {
        private final List<String> names;
        private final ClassValue<Field[]> fieldsByClass = new ClassValue<>() {
            @Override
            protected Field[] computeValue(Class<?> type) {
                Field[] out = new Field[names.size()];
                for (Property p : PROPERTIES.get(type)) {
                    int i = names.indexOf(p.name());
                    if (i >= 0) {
                        out[i] = p.field();
                    }
                }
                return out;
            }
        };

        FieldNames(String... names) {
            this.names = List.of(names);
        }

        /** The raw values of {@code bean}'s fields, by position in the list; null where absent or unreadable. */
        Object[] read(Object bean) {
            Field[] fields = fieldsByClass.get(bean.getClass());
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] != null) {
                    try {
                        values[i] = fields[i].get(bean);
                    } catch (IllegalAccessException | RuntimeException e) {
                        // left out
                    }
                }
            }
            return values;
        }
    }

    /** Whether objects of this class could carry a breadcrumb body: a field named like one of its fields. */
    static boolean mayCarryBody(Class<?> type) {
        return CARRIES_BODY.get(type);
    }

    private static final ClassValue<Boolean> CARRIES_BODY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Property p : PROPERTIES.get(type)) {
                if (BODY_FIELD_NAMES.contains(p.name())) {
                    return true;
                }
            }
            return false;
        }
    };

    /** Field names of RCRT's create/patch body and of its answers, as Jackson or Gson would write them. */
    static final java.util.Set<String> BODY_FIELD_NAMES = java.util.Set.of("id", "title", "context", "tags",
            "schema_name", "schemaName", "visibility", "sensitivity", "ttl", "data", "body");

    /** Parses JSON text under the same caps; {@code null} when it is not JSON. */
    static Object parseJson(String text, OncePerKey problems) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new TooLarge("a JSON text of " + text.length() + " characters");
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException notJson) {
            // Json's messages name a position and a kind of error, never the text itself.
            problems.warn("malformed-json", "a String argument or return value of " + text.length()
                    + " characters that looks like JSON could not be parsed (" + notJson.getMessage() + ")");
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
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        Kind kind = kindOfValue(type);
        switch (kind) {
            case AS_IS:
                return value;
            case WHOLE_NUMBER:
                return ((Number) value).longValue(); // JSON has one integer type, Long, as Json.freeze makes it
            case NUMBER:
                return Json.freeze(value); // Float as Double, BigInteger as Long or BigDecimal, as Json.freeze does
            case TEXT:
                return text(value.toString()); // a JDK CharSequence: reading it runs no application code
            case ENUM:
                return ((Enum<?>) value).name(); // final in java.lang.Enum, unlike an enum's own toString
            case JDK_TEXT:
                return value.toString(); // UUID, Character, java.time, URI, other JDK values: their JDK toString
            case OPTIONAL:
                return convert(((Optional<?>) value).orElse(null), depth);
            case JACKSON_TREE:
                return parseJson(value.toString(), problems);
            case BYTES:
                return "<" + ((byte[]) value).length + " bytes>";
            case FOREIGN_COLLECTION:
                throw new Unreadable("a collection of the application's own type " + type.getName());
            default:
                break;
        }
        if (!enter(value)) {
            problems.warn("cycle:" + type.getName(), "a cyclic object graph through " + type.getName()
                    + " was cut where it loops");
            return null;
        }
        try {
            switch (kind) {
                case MAP:
                    return map((Map<?, ?>) value, depth);
                case ITERABLE: {
                    List<Object> out = new ArrayList<>(value instanceof java.util.Collection<?> c ? c.size() : 10);
                    if (value instanceof java.util.RandomAccess && value instanceof List<?> list) {
                        for (int i = 0, n = list.size(); i < n; i++) { // no iterator to allocate
                            out.add(child(list.get(i), depth + 1));
                        }
                    } else {
                        for (Object item : (Iterable<?>) value) {
                            out.add(child(item, depth + 1));
                        }
                    }
                    return Json.adoptFrozen(out);
                }
                case ARRAY: {
                    int n = java.lang.reflect.Array.getLength(value);
                    List<Object> out = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        out.add(convert(java.lang.reflect.Array.get(value, i), depth + 1));
                    }
                    return Json.adoptFrozen(out);
                }
                default:
                    return fields(value, depth);
            }
        } finally {
            pathLength--;
        }
    }

    /**
     * A container's element: text, a Long, a Boolean, a Double or null — most of a breadcrumb's values — under the
     * same caps as {@link #convert} but without its call; anything else through it.
     */
    private Object child(Object value, int depth) {
        Class<?> type = value == null ? null : value.getClass();
        if (type == String.class || type == null || type == Long.class || type == Boolean.class || type == Double.class) {
            if (++nodes > MAX_NODES) {
                throw new TooLarge("more than " + MAX_NODES + " values");
            }
            if (depth > MAX_DEPTH) {
                throw new TooLarge("nesting deeper than " + MAX_DEPTH);
            }
            return type == String.class ? text((String) value) : value;
        }
        return convert(value, depth);
    }

    private String text(String text) {
        chars += text.length();
        if (chars > MAX_TEXT_CHARS) {
            throw new TooLarge("more than " + MAX_TEXT_CHARS + " characters of text");
        }
        return text;
    }

    /**
     * Puts a container on the path from the root, unless it is already on it (a cycle). The path is as deep as the
     * nesting (at most {@link #MAX_DEPTH}), a few entries for a breadcrumb: scanning it by identity costs less than
     * hashing every container into an identity map, and it runs no application code ({@code ==} only).
     */
    private boolean enter(Object container) {
        for (int i = 0; i < pathLength; i++) {
            if (path[i] == container) {
                return false;
            }
        }
        if (pathLength == path.length) {
            path = java.util.Arrays.copyOf(path, path.length * 2);
        }
        path[pathLength++] = container;
        return true;
    }

    /**
     * What a class's values are to the snapshot, decided once per class: the checks (JDK or not, trusted collection
     * or not, a Jackson tree up the hierarchy) are string work too costly to repeat for every value of every call.
     */
    private enum Kind {
        /** Already an immutable JSON value: Boolean, Long, Double, BigDecimal. */
        AS_IS,
        /** Integer, Short, Byte: read as Long. */
        WHOLE_NUMBER,
        /** Another number, normalised as {@link Json#freeze} does. */
        NUMBER,
        TEXT,
        ENUM,
        JDK_TEXT,
        OPTIONAL,
        JACKSON_TREE,
        BYTES,
        /** A map or iterable of a type not known to iterate without side effects: never iterated. */
        FOREIGN_COLLECTION,
        MAP,
        ITERABLE,
        ARRAY,
        /** Read by its fields. */
        BEAN
    }

    /** The kind of a value's class: the few classes most values have are told by identity, the rest by {@link #KINDS}. */
    private static Kind kindOfValue(Class<?> type) {
        if (type == String.class) {
            return Kind.TEXT;
        }
        if (type == Long.class || type == Boolean.class || type == Double.class) {
            return Kind.AS_IS;
        }
        if (type == Integer.class) {
            return Kind.WHOLE_NUMBER;
        }
        return KINDS.get(type);
    }

    private static final ClassValue<Kind> KINDS = new ClassValue<>() {
        @Override
        protected Kind computeValue(Class<?> type) {
            return kindOf(type);
        }
    };

    private static Kind kindOf(Class<?> type) {
        boolean jdk = type.getName().startsWith("java.");
        if (type == Boolean.class || type == Long.class || type == Double.class || type == java.math.BigDecimal.class) {
            return Kind.AS_IS;
        }
        if (type == Integer.class || type == Short.class || type == Byte.class) {
            return Kind.WHOLE_NUMBER;
        }
        if (Number.class.isAssignableFrom(type)) {
            return Kind.NUMBER;
        }
        if (type == String.class || type == StringBuilder.class || type == StringBuffer.class) {
            return Kind.TEXT;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return Kind.ENUM;
        }
        if (type == Optional.class) {
            return Kind.OPTIONAL;
        }
        if (extendsJsonNode(type)) {
            return Kind.JACKSON_TREE;
        }
        if (Map.class.isAssignableFrom(type) || Iterable.class.isAssignableFrom(type)) {
            if (!trustedCollection(type)) {
                return Kind.FOREIGN_COLLECTION;
            }
            return Map.class.isAssignableFrom(type) ? Kind.MAP : Kind.ITERABLE;
        }
        if (type == byte[].class) {
            return Kind.BYTES;
        }
        if (type.isArray()) {
            return Kind.ARRAY;
        }
        return jdk ? Kind.JDK_TEXT : Kind.BEAN;
    }

    /**
     * A map's snapshot. Keys that are strings stay distinct, so the entries go straight into arrays; any other key
     * is converted to its text, and two keys might then meet: those maps take the hashing path.
     */
    private Map<String, Object> map(Map<?, ?> map, int depth) {
        int n = map.size();
        String[] keys = new String[n];
        Object[] values = new Object[n];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || i == n) { // i == n: the map grew while read
                return hashedMap(map, depth);
            }
            keys[i] = k;
            values[i++] = child(e.getValue(), depth + 1);
        }
        return Json.adoptFrozen(keys, values, i);
    }

    private Map<String, Object> hashedMap(Map<?, ?> map, int depth) {
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(key(e.getKey()), child(e.getValue(), depth + 1));
        }
        return Json.adoptFrozen(out);
    }

    private String key(Object k) {
        if (k instanceof String s) {
            return s;
        }
        Object converted = k == null ? "null" : convert(k, MAX_DEPTH);
        if (converted instanceof String s) {
            return s;
        }
        if (converted instanceof Number || converted instanceof Boolean) {
            return converted.toString(); // a JDK Long, Double, BigDecimal or Boolean: as JSON writers write such keys
        }
        throw new Unreadable("a map key of type " + k.getClass().getName());
    }

    private static boolean trustedCollection(Class<?> type) {
        String name = type.getName();
        for (String prefix : TRUSTED_COLLECTIONS) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> fields(Object bean, int depth) {
        List<Property> properties = PROPERTIES.get(bean.getClass());
        String[] keys = new String[properties.size()];
        Object[] values = new Object[keys.length];
        int n = 0;
        for (Property p : properties) { // distinct names: discover() keeps the first of each
            Object raw;
            try {
                raw = p.field().get(bean);
            } catch (IllegalAccessException | RuntimeException e) {
                continue; // a field we may not read is left out
            }
            keys[n] = p.name();
            values[n++] = child(raw, depth + 1);
        }
        return Json.adoptFrozen(keys, values, n);
    }

    /**
     * One JSON property of a bean, read from its field. Found once per class (a record's component fields; a POJO's
     * instance fields up the hierarchy, minus {@code transient} and {@code @JsonIgnore} ones), then reused. A
     * {@link ClassValue}, so the cache lives and dies with the class and never keeps a class loader alive.
     */
    private record Property(String name, Field field) {}

    private static final ClassValue<List<Property>> PROPERTIES = new ClassValue<>() {
        @Override
        protected List<Property> computeValue(Class<?> type) {
            return discover(type);
        }
    };

    private static List<Property> discover(Class<?> type) {
        Map<String, Property> found = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic() || ignored(f.getAnnotations())) {
                    continue;
                }
                Annotation[] accessorAnnotations = type.isRecord() ? accessorAnnotations(type, f.getName()) : new Annotation[0];
                String name = jsonName(f.getName(), f.getAnnotations(), accessorAnnotations);
                if (!found.containsKey(name) && accessible(f)) {
                    found.put(name, new Property(name, f));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** A record component's annotations may sit on its accessor; reading annotations runs no application code. */
    private static Annotation[] accessorAnnotations(Class<?> record, String component) {
        for (RecordComponent rc : record.getRecordComponents()) {
            if (rc.getName().equals(component)) {
                Method accessor = rc.getAccessor();
                Annotation[] a = rc.getAnnotations();
                Annotation[] b = accessor.getAnnotations();
                Annotation[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                return both;
            }
        }
        return new Annotation[0];
    }

    /** Makes a field readable from here; false when its module doesn't open it (it is then left out). */
    private static boolean accessible(Field field) {
        try {
            field.setAccessible(true);
            return true;
        } catch (RuntimeException notOpen) {
            return false;
        }
    }

    /** Honours Jackson's {@code @JsonProperty("schema_name")} and Gson's {@code @SerializedName} by name. */
    @SafeVarargs
    private static String jsonName(String javaName, Annotation[]... annotationSets) {
        for (Annotation[] set : annotationSets) {
            for (String annotation : List.of("JsonProperty", "SerializedName", "Json")) {
                String v = annotationValue(set, annotation);
                if (v != null && !v.isEmpty()) {
                    return v;
                }
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

    /** An annotation's {@code value()} (or Moshi's {@code name()}); annotation proxies are the JDK's, not the application's. */
    private static String annotationValue(Annotation[] annotations, String simpleName) {
        for (Annotation a : annotations) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                for (String element : List.of("value", "name")) {
                    try {
                        Object v = a.annotationType().getMethod(element).invoke(a);
                        if (v instanceof String s) {
                            return s;
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // no such element
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** Whether values of this class are Jackson trees (answered per class, as the snapshot classifies it). */
    static boolean isJacksonTree(Class<?> type) {
        return KINDS.get(type) == Kind.JACKSON_TREE;
    }

    private static boolean extendsJsonNode(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            String n = c.getName();
            if (n.equals("com.fasterxml.jackson.databind.JsonNode") || n.equals("tools.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }
}
