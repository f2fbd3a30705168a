package org.rcrt.localbus.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer over plain JDK values ({@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Long}/{@code Double}/{@code BigDecimal}, {@code Boolean}, {@code null}).
 *
 * <p>The api jar must stay free of dependencies (it is loaded on the bootstrap class path by the agent, where
 * no library is visible), so it carries its own few lines of JSON instead of Jackson.
 */
public final class Json {
    /** Deeper documents are refused rather than risking a stack overflow on hostile input. */
    private static final int MAX_DEPTH = 256;

    private Json() {}

    /** Parses a JSON text; the result is deeply unmodifiable. */
    public static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("JSON text is null");
        }
        Reader reader = new Reader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected trailing characters");
        }
        return value;
    }

    /** Writes a JDK value tree as compact JSON. Unknown types are written as their {@code toString()} string. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        write(value, out, 0);
        return out.toString();
    }

    /**
     * Returns a deeply unmodifiable copy of a JDK value tree, normalising integral numbers to {@code Long}
     * where they fit, so that equality and comparisons behave the same whichever lane built the value.
     */
    public static Object freeze(Object value) {
        return freeze(value, 0);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> freezeMap(Map<String, ?> map) {
        return map == null ? Map.of() : (Map<String, Object>) freeze(map, 0);
    }

    private static Object freeze(Object value, int depth) {
        if (value instanceof FrozenMap || value instanceof FrozenArrayMap || value instanceof FrozenList) {
            return value; // already a deep frozen copy: sharing it is safe, copying it again is waste
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nested deeper than " + MAX_DEPTH);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(String.valueOf(e.getKey()), freeze(e.getValue(), depth + 1));
            }
            return new FrozenMap(copy);
        }
        if (value instanceof Iterable<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(freeze(item, depth + 1));
            }
            return new FrozenList(copy);
        }
        if (value instanceof Object[] array) {
            List<Object> copy = new ArrayList<>(array.length);
            for (Object item : array) {
                copy.add(freeze(item, depth + 1));
            }
            return new FrozenList(copy);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        return value.toString();
    }

    /** Compares two JSON numbers or values for equality the way JSON means it (1 equals 1.0). */
    public static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    public static int compareNumbers(Number x, Number y) {
        if (x instanceof Long && y instanceof Long) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (!isFinite(x) || !isFinite(y)) {
            // NaN and the infinities have no BigDecimal form; Double.compare orders them without throwing.
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return toBigDecimal(x).compareTo(toBigDecimal(y));
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.toString());
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append("null");
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out, depth + 1);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out, depth + 1);
            }
            out.append(']');
        } else {
            quote(value.toString(), out);
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character");
            }
        }

        private Map<String, Object> object(int depth) {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return new FrozenMap(map);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a quoted field name");
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                map.put(key, value(depth + 1));
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return new FrozenMap(map);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return new FrozenList(list);
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth + 1));
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return new FrozenList(list);
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (pos + 4 > text.length()) {
                                throw error("truncated \\u escape");
                            }
                            try {
                                sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad \\u escape");
                            }
                            pos += 4;
                        }
                        default -> throw error("bad escape");
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            boolean fractional = false;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c >= '0' && c <= '9') {
                    pos++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    fractional = true;
                    pos++;
                } else {
                    break;
                }
            }
            String literal = text.substring(start, pos);
            try {
                if (!fractional) {
                    BigInteger big = new BigInteger(literal);
                    return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
                }
                double d = Double.parseDouble(literal);
                return Double.isInfinite(d) ? new BigDecimal(literal) : d;
            } catch (NumberFormatException e) {
                pos = start;
                throw error("bad number of " + literal.length() + " characters");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected '" + word + "'");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("expected '" + c + "'");
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private char next() {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            return text.charAt(pos++);
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
        }
    }

    /**
     * Wraps a map the caller has just built and hands over (it keeps no reference), whose values are already
     * frozen, as a frozen map without copying it: for converters that build a tree bottom-up.
     */
    public static Map<String, Object> adoptFrozen(Map<String, Object> fresh) {
        return new FrozenMap(fresh);
    }

    /**
     * Wraps parallel arrays the caller has just filled and hands over — {@code size} entries, distinct keys, values
     * already frozen — as a frozen map in that order, without copying or hashing anything: the cheapest frozen map
     * to build, for a converter that snapshots an object on the thread of the call.
     */
    public static Map<String, Object> adoptFrozen(String[] keys, Object[] values, int size) {
        return new FrozenArrayMap(keys, values, size);
    }

    /** The list twin of {@link #adoptFrozen(Map)}. */
    public static List<Object> adoptFrozen(List<Object> fresh) {
        return new FrozenList(fresh);
    }

    /** The deep-unmodifiable map {@link #freeze} and {@link #parse} return; recognised, so never copied twice. */
    private static final class FrozenMap extends AbstractMap<String, Object> {
        private final Map<String, Object> entries;

        FrozenMap(Map<String, Object> entries) {
            this.entries = entries;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(entries).entrySet();
        }

        @Override
        public Object get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /**
     * A frozen map over parallel arrays. Lookups scan a small map's keys; a larger one builds a hash index the first
     * time it is read by key (racy but benign: every thread builds the same index from the same immutable arrays).
     */
    private static final class FrozenArrayMap extends AbstractMap<String, Object> {
        private static final int SCANNED = 8;
        private final String[] keys;
        private final Object[] values;
        private final int size;
        private Map<String, Integer> index;

        FrozenArrayMap(String[] keys, Object[] values, int size) {
            this.keys = keys;
            this.values = values;
            this.size = size;
        }

        private int indexOf(Object key) {
            if (size <= SCANNED) {
                for (int i = 0; i < size; i++) {
                    if (keys[i].equals(key)) {
                        return i;
                    }
                }
                return -1;
            }
            Map<String, Integer> byKey = index;
            if (byKey == null) {
                byKey = new java.util.HashMap<>(size * 2);
                for (int i = 0; i < size; i++) {
                    byKey.put(keys[i], i);
                }
                index = byKey = Collections.unmodifiableMap(byKey);
            }
            Integer i = byKey.get(key);
            return i == null ? -1 : i;
        }

        @Override
        public Object get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Map.Entry<String, Object>> iterator() {
                    return new java.util.Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (next >= size) {
                                throw new java.util.NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }

    /** The deep-unmodifiable list {@link #freeze} and {@link #parse} return. */
    private static final class FrozenList extends AbstractList<Object> implements java.util.RandomAccess {
        private final List<Object> items;

        FrozenList(List<Object> items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
