package org.rcrt.localbus.agent.event;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The bearer tokens an object holds: up to two distinct token strings, found breadth first a few objects deep,
 * where generated clients keep them (a config object, an {@code ApiClient}'s map of authentications, the captured
 * value of a {@code Supplier} lambda). Fields are read, nothing is called; JDK objects other than maps and
 * collections are not entered, and the walk is bounded in depth and in objects visited.
 *
 * <p>A walk keeps what it read — every object it visited and every reference those held — so that at the next call
 * of the same client {@link #stillHolds} can tell, by identity and with no allocation, that walking again would
 * read exactly the same values and so find exactly the same tokens. A client's graph rarely changes between two
 * calls; when it does (a token refreshed, a tenant added), the walk is simply made again.
 */
final class HeldTokens {
    private static final int MAX_DEPTH = 6;
    private static final int MAX_OBJECTS = 160;
    private static final int MAX_COLLECTION = 8;

    /** The first token found, or {@code null}. */
    final String first;
    /** A second, different token, or {@code null}. */
    final String second;
    private final Object[] visited;
    private final int[] readsFrom; // visited[i] held reads[readsFrom[i] .. readsFrom[i + 1])
    private final Object[] reads;

    private HeldTokens(String first, String second, Object[] visited, int[] readsFrom, Object[] reads) {
        this.first = first;
        this.second = second;
        this.visited = visited;
        this.readsFrom = readsFrom;
        this.reads = reads;
    }

    /** Walks {@code root}'s graph; {@code isToken} tells a token string. */
    static HeldTokens of(Object root, Predicate<String> isToken) {
        Object[] queue = new Object[8];
        int[] depths = new int[8];
        int[] readsFrom = new int[9];
        Object[] reads = new Object[16];
        int readCount = 0;
        String first = null;
        String second = null;
        queue[0] = root;
        int head = 0;
        int tail = 1;
        walk:
        while (head < tail) {
            Object current = queue[head];
            int depth = depths[head];
            readsFrom[head++] = readCount;
            Holder holder = HOLDERS.get(current.getClass());
            int n = holder.count(current);
            if (readCount + n > reads.length) {
                reads = Arrays.copyOf(reads, Math.max(reads.length * 2, readCount + n));
            }
            holder.read(current, reads, readCount, n);
            int end = readCount + n;
            for (; readCount < end; readCount++) {
                Object value = reads[readCount];
                if (value instanceof String text) {
                    if (isToken.test(text)) {
                        if (first == null) {
                            first = text;
                        } else if (!first.equals(text)) {
                            second = text;
                            readCount = end; // this object's reads are all recorded; the walk ends here
                            break walk;
                        }
                    }
                } else if (value != null && depth < MAX_DEPTH && tail < MAX_OBJECTS
                        && HOLDERS.get(value.getClass()) != Holder.NOTHING && !queued(queue, tail, value)) {
                    if (tail == queue.length) {
                        queue = Arrays.copyOf(queue, Math.min(MAX_OBJECTS, tail * 2));
                        depths = Arrays.copyOf(depths, queue.length);
                        readsFrom = Arrays.copyOf(readsFrom, queue.length + 1);
                    }
                    queue[tail] = value;
                    depths[tail++] = depth + 1;
                }
            }
        }
        readsFrom[head] = readCount;
        return new HeldTokens(first, second, Arrays.copyOf(queue, head), Arrays.copyOf(readsFrom, head + 1),
                Arrays.copyOf(reads, readCount));
    }

    /** Whether {@code root} still holds what this walk read: the same objects, holding the same references. */
    boolean stillHolds(Object root) {
        if (visited.length == 0 || visited[0] != root) {
            return false;
        }
        for (int i = 0; i < visited.length; i++) {
            Object holder = visited[i];
            if (!HOLDERS.get(holder.getClass()).holds(holder, reads, readsFrom[i], readsFrom[i + 1])) {
                return false;
            }
        }
        return true;
    }

    private static boolean queued(Object[] queue, int size, Object value) {
        for (int i = 0; i < size; i++) {
            if (queue[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the walk reads the references an object holds, decided once per class: a JDK map's values and a JDK
     * collection's first elements (a Feign client's map of its methods holds dozens of alike handlers: the first few
     * tell what they all hold), an application object's instance fields; other JDK objects and arrays
     * hold nothing it enters. A {@link ClassValue}, not a weak map keyed by the class: the cached {@link Field}s
     * point back at their class, so a map value would keep the key (and its class loader, e.g. an undeployed web
     * app's) alive for ever; a class value lives and dies with the class itself.
     */
    private static class Holder {
        static final Holder NOTHING = new Holder();
        static final Holder JDK_MAP = new Holder() {
            @Override
            Iterable<?> items(Object holder) {
                return ((Map<?, ?>) holder).values();
            }

            @Override
            int count(Object holder) {
                return Math.min(((Map<?, ?>) holder).size(), MAX_COLLECTION);
            }
        };
        static final Holder JDK_COLLECTION = new Holder() {
            @Override
            Iterable<?> items(Object holder) {
                return (Collection<?>) holder;
            }

            @Override
            int count(Object holder) {
                return Math.min(((Collection<?>) holder).size(), MAX_COLLECTION);
            }
        };

        Iterable<?> items(Object holder) {
            return List.of();
        }

        /** How many references {@link #read} will read. */
        int count(Object holder) {
            return 0;
        }

        /**
         * Reads {@code n} references into {@code out} from {@code at}. A JDK collection that changed size since
         * {@link #count} leaves the rest {@code null}: read again, it will not hold the same.
         */
        void read(Object holder, Object[] out, int at, int n) {
            if (n == 0) {
                return;
            }
            Iterator<?> it = items(holder).iterator();
            for (int i = 0; i < n && it.hasNext(); i++) {
                out[at + i] = it.next();
            }
        }

        boolean holds(Object holder, Object[] reads, int from, int to) {
            if (count(holder) != to - from) {
                return false;
            }
            if (from == to) {
                return true;
            }
            Iterator<?> it = items(holder).iterator();
            for (int i = from; i < to; i++) {
                if (!it.hasNext() || it.next() != reads[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Fields extends Holder {
        private final Field[] fields;

        Fields(Field[] fields) {
            this.fields = fields;
        }

        @Override
        int count(Object holder) {
            return fields.length;
        }

        @Override
        void read(Object holder, Object[] out, int at, int n) {
            for (int i = 0; i < n; i++) {
                out[at + i] = value(i, holder);
            }
        }

        @Override
        boolean holds(Object holder, Object[] reads, int from, int to) {
            for (int i = from; i < to; i++) {
                if (value(i - from, holder) != reads[i]) {
                    return false;
                }
            }
            return true;
        }

        private Object value(int field, Object holder) {
            try {
                return fields[field].get(holder);
            } catch (IllegalAccessException | RuntimeException e) {
                return null; // not ours to read
            }
        }
    }

    private static final ClassValue<Holder> HOLDERS = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            if (type.isArray() || type.isPrimitive()) {
                return Holder.NOTHING;
            }
            if (type.getName().startsWith("java.")) {
                return Map.class.isAssignableFrom(type) ? Holder.JDK_MAP
                        : Collection.class.isAssignableFrom(type) ? Holder.JDK_COLLECTION : Holder.NOTHING;
            }
            return new Fields(readableFields(type));
        }
    };

    private static Field[] readableFields(Class<?> t) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    out.add(f);
                } catch (RuntimeException notOpen) {
                    // a module that doesn't open it: not ours to read
                }
            }
        }
        return out.toArray(new Field[0]);
    }
}
