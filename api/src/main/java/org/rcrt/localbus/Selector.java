package org.rcrt.localbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rcrt.localbus.internal.Json;

/**
 * Which events a subscriber wants, with RCRT's own selector semantics: every part that is set must match.
 *
 * <ul>
 *   <li>{@code schema_name}: equal to the event's schema name;</li>
 *   <li>{@code any_tags}: the event carries at least one of them; {@code all_tags}: it carries every one;</li>
 *   <li>{@code context_match}: rules on a {@code $.a.b} path into the event's context, with the ops
 *       {@code eq}, {@code ne}, {@code contains_any}, {@code gt} and {@code lt};</li>
 *   <li>{@code owner_id} (this project's addition): binds the subscriber to one owner (tenant), as an SSE stream is
 *       bound to its token's owner. An event whose owner is unknown does not match a bound selector.</li>
 * </ul>
 *
 * Build one fluently ({@code Selector.builder().schemaName("tool.request.v1").build()}) or read RCRT's JSON form
 * with {@link #parse(String)}. {@link #all()} matches everything.
 */
public final class Selector {
    private static final Selector ALL = new Selector(null, List.of(), List.of(), List.of(), null);
    private static final Set<String> FIELDS = Set.of("schema_name", "any_tags", "all_tags", "context_match", "owner_id");

    private final String schemaName;
    private final List<String> anyTags;
    private final List<String> allTags;
    private final List<Rule> contextMatch;
    private final String ownerId;

    private Selector(String schemaName, List<String> anyTags, List<String> allTags, List<Rule> rules, String ownerId) {
        this.schemaName = schemaName;
        this.anyTags = List.copyOf(anyTags);
        this.allTags = List.copyOf(allTags);
        this.contextMatch = List.copyOf(rules);
        this.ownerId = ownerId;
    }

    /** Matches every event. */
    public static Selector all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads RCRT's JSON selector form, e.g.
     * {@code {"schema_name":"tool.request.v1","all_tags":["tools"],"context_match":[{"path":"$.tool","op":"eq","value":"echo"}]}}.
     *
     * @throws IllegalArgumentException naming what is wrong, for malformed JSON, unknown fields, bad paths or ops
     */
    public static Selector parse(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("selector is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("selector must be a JSON object, got: " + kind(parsed));
        }
        Builder b = builder();
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String key = (String) e.getKey();
            Object value = e.getValue();
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("unknown selector field '" + key + "' (known: " + FIELDS + ")");
            }
            if (value == null) {
                continue;
            }
            switch (key) {
                case "schema_name" -> b.schemaName(string(key, value));
                case "owner_id" -> b.ownerId(string(key, value));
                case "any_tags" -> b.anyTags(strings(key, value).toArray(String[]::new));
                case "all_tags" -> b.allTags(strings(key, value).toArray(String[]::new));
                case "context_match" -> {
                    if (!(value instanceof List<?> rules)) {
                        throw new IllegalArgumentException("selector field 'context_match' must be an array, got: " + kind(value));
                    }
                    for (int i = 0; i < rules.size(); i++) {
                        if (!(rules.get(i) instanceof Map<?, ?> rule)) {
                            throw new IllegalArgumentException("context_match[" + i + "] must be an object, got: " + kind(rules.get(i)));
                        }
                        Object path = rule.get("path");
                        Object op = rule.get("op");
                        if (!(path instanceof String) || !(op instanceof String)) {
                            throw new IllegalArgumentException("context_match[" + i + "] needs string fields 'path' and 'op'");
                        }
                        if (!rule.containsKey("value")) {
                            throw new IllegalArgumentException("context_match[" + i + "] needs a 'value'");
                        }
                        try {
                            b.contextMatch((String) path, Op.parse((String) op), rule.get("value"));
                        } catch (IllegalArgumentException ex) {
                            throw new IllegalArgumentException("context_match[" + i + "]: " + ex.getMessage(), ex);
                        }
                    }
                }
                default -> throw new AssertionError(key);
            }
        }
        return b.build();
    }

    private static String string(String key, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("selector field '" + key + "' must be a string, got: " + kind(value));
        }
        return s;
    }

    private static List<String> strings(String key, Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("selector field '" + key + "' must be an array of strings, got: " + kind(value));
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(string(key + "[]", item));
        }
        return out;
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "a string" : value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean" : value.getClass().getSimpleName();
    }

    /** Whether the event matches every part of this selector. */
    public boolean matches(BreadcrumbEvent event) {
        if (ownerId != null && !ownerId.equals(event.ownerId())) {
            return false;
        }
        if (schemaName != null && !schemaName.equals(event.schemaName())) {
            return false;
        }
        List<String> tags = event.tags();
        if (!anyTags.isEmpty()) {
            boolean any = false;
            for (String t : anyTags) {
                if (tags.contains(t)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (!allTags.isEmpty() && !tags.containsAll(allTags)) {
            return false;
        }
        for (Rule rule : contextMatch) {
            if (!rule.matches(event.context())) {
                return false;
            }
        }
        return true;
    }

    /** This selector bound to one owner (tenant); {@code null} unbinds it. */
    public Selector withOwner(String ownerId) {
        Selector bound = new Selector(schemaName, anyTags, allTags, contextMatch, ownerId);
        return bound.equals(ALL) ? ALL : bound;
    }

    /** The owner this selector is bound to, or {@code null}. */
    public String ownerId() {
        return ownerId;
    }

    /** RCRT's JSON selector form; {@code parse(s.toJson())} gives an equal selector. */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (schemaName != null) {
            fields.put("schema_name", schemaName);
        }
        if (!anyTags.isEmpty()) {
            fields.put("any_tags", anyTags);
        }
        if (!allTags.isEmpty()) {
            fields.put("all_tags", allTags);
        }
        if (!contextMatch.isEmpty()) {
            List<Object> rules = new ArrayList<>();
            for (Rule r : contextMatch) {
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("path", r.path());
                rule.put("op", r.op().jsonName());
                rule.put("value", r.value());
                rules.add(rule);
            }
            fields.put("context_match", rules);
        }
        if (ownerId != null) {
            fields.put("owner_id", ownerId);
        }
        return Json.write(fields);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector s && toJson().equals(s.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "Selector" + toJson();
    }

    /** The comparison of a {@code context_match} rule. */
    public enum Op {
        EQ("eq"), NE("ne"), CONTAINS_ANY("contains_any"), GT("gt"), LT("lt");

        private final String jsonName;

        Op(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }

        static Op parse(String name) {
            for (Op op : values()) {
                if (op.jsonName.equals(name)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown op '" + name + "' (known: eq, ne, contains_any, gt, lt)");
        }
    }

    /** One {@code context_match} rule: the value at {@code path} compared with {@code value} by {@code op}. */
    public record Rule(String path, Op op, Object value) {
        public Rule {
            if (path == null || !path.startsWith("$.") || path.length() < 3 || path.contains("..") || path.endsWith(".")) {
                throw new IllegalArgumentException("path must look like '$.a.b', got: '" + path + "'");
            }
            if (op == null) {
                throw new IllegalArgumentException("op is missing");
            }
            value = Json.freeze(value);
            if (op == Op.CONTAINS_ANY && !(value instanceof List)) {
                throw new IllegalArgumentException("op contains_any needs an array value, got: " + kind(value));
            }
            if ((op == Op.GT || op == Op.LT) && !(value instanceof Number || value instanceof String)) {
                throw new IllegalArgumentException("op " + op.jsonName() + " needs a number or string value, got: " + kind(value));
            }
        }

        boolean matches(Map<String, Object> context) {
            Object actual = resolve(context);
            switch (op) {
                case EQ:
                    return actual != MISSING && Json.jsonEquals(actual, value);
                case NE:
                    return actual == MISSING || !Json.jsonEquals(actual, value);
                case CONTAINS_ANY: {
                    List<?> wanted = (List<?>) value;
                    if (actual instanceof List<?> present) {
                        for (Object p : present) {
                            for (Object w : wanted) {
                                if (Json.jsonEquals(p, w)) {
                                    return true;
                                }
                            }
                        }
                        return false;
                    }
                    for (Object w : wanted) {
                        if (actual != MISSING && Json.jsonEquals(actual, w)) {
                            return true;
                        }
                    }
                    return false;
                }
                case GT:
                case LT: {
                    int cmp;
                    if (actual instanceof Number a && value instanceof Number v) {
                        cmp = Json.compareNumbers(a, v);
                    } else if (actual instanceof String a && value instanceof String v) {
                        cmp = a.compareTo(v);
                    } else {
                        return false;
                    }
                    return op == Op.GT ? cmp > 0 : cmp < 0;
                }
                default:
                    throw new AssertionError(op);
            }
        }

        private Object resolve(Map<String, Object> context) {
            Object current = context;
            for (String key : segments(path)) {
                if (!(current instanceof Map<?, ?> map)) {
                    return MISSING;
                }
                Object next = map.get(key);
                if (next == null && !map.containsKey(key)) {
                    return MISSING;
                }
                current = next;
            }
            return current;
        }
    }

    /**
     * The keys of a rule's path ({@code $.a.b} is {@code a}, {@code b}), split once per path: a selector is matched
     * against every event, and splitting there would allocate and hash new strings each time. A path is a
     * selector's own constant; beyond {@link #MAX_CACHED_PATHS} distinct ones they are split on each use.
     */
    private static String[] segments(String path) {
        String[] keys = SEGMENTS.get(path);
        if (keys == null) {
            List<String> parts = new ArrayList<>();
            for (int start = 2; ; ) {
                int dot = path.indexOf('.', start);
                parts.add(path.substring(start, dot < 0 ? path.length() : dot));
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
            keys = parts.toArray(new String[0]);
            if (SEGMENTS.size() < MAX_CACHED_PATHS) {
                SEGMENTS.put(path, keys);
            }
        }
        return keys;
    }

    private static final int MAX_CACHED_PATHS = 1024;
    private static final java.util.concurrent.ConcurrentHashMap<String, String[]> SEGMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final Object MISSING = new Object();

    public static final class Builder {
        private String schemaName;
        private final List<String> anyTags = new ArrayList<>();
        private final List<String> allTags = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private String ownerId;

        private Builder() {}

        public Builder schemaName(String schemaName) {
            this.schemaName = schemaName;
            return this;
        }

        public Builder anyTags(String... tags) {
            anyTags.addAll(List.of(tags));
            return this;
        }

        public Builder allTags(String... tags) {
            allTags.addAll(List.of(tags));
            return this;
        }

        /** Adds a context rule; {@code path} is {@code $.a.b}. */
        public Builder contextMatch(String path, Op op, Object value) {
            rules.add(new Rule(path, op, value));
            return this;
        }

        public Builder contextEquals(String path, Object value) {
            return contextMatch(path, Op.EQ, value);
        }

        /** Binds the selector to one owner (tenant): events of other or unknown owners never match. */
        public Builder ownerId(String ownerId) {
            this.ownerId = ownerId;
            return this;
        }

        public Selector build() {
            if (schemaName == null && anyTags.isEmpty() && allTags.isEmpty() && rules.isEmpty() && ownerId == null) {
                return ALL;
            }
            return new Selector(schemaName, anyTags, allTags, rules, ownerId);
        }
    }
}
