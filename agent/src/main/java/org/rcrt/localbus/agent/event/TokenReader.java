package org.rcrt.localbus.agent.event;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rcrt.localbus.internal.Json;

/**
 * Who produced an event: the client instance, and the owner and agent ids of its bearer token.
 *
 * <p>An RCRT client holds its JWT in a field (directly, as {@code "Bearer ..."}, or one object deeper, e.g. in a
 * config object); for a dynamic-proxy client the invocation handler holds it. The token's payload is decoded
 * (not verified: the server did that when it accepted the call) for its {@code owner_id} and {@code agent_id}
 * claims. The token itself is never logged.
 */
final class TokenReader {
    private static final Pattern JWT = Pattern.compile("(?:Bearer\\s+)?(eyJ[A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)");
    private static final int MAX_CACHED_TOKENS = 64;
    private volatile Object[] lastToken;


    private final OncePerKey problems;
    /**
     * The readable instance fields of a client class. A {@link ClassValue}, not a weak map keyed by the class: the
     * cached {@link Field}s point back at their class, so a map value would keep the key (and its class loader,
     * e.g. an undeployed web app's) alive for ever; a class value lives and dies with the class itself.
     */
    private final ClassValue<List<Field>> stringishFields = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return readableFields(type);
        }
    };
    private final Map<String, String[]> claimsByToken = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
            return size() > MAX_CACHED_TOKENS;
        }
    });

    TokenReader(OncePerKey problems) {
        this.problems = problems;
    }

    /**
     * The identity of the bearer token this object holds (for a dynamic proxy: its invocation handler): not known
     * when it holds none, {@link Caller#AMBIGUOUS} when it holds tokens of more than one owner (a router over
     * several tenants' clients: which one carried the call can't be told from here).
     */
    Caller identityOf(Object client) {
        if (client == null) {
            return Caller.UNKNOWN;
        }
        Object holder = Proxy.isProxyClass(client.getClass()) ? Proxy.getInvocationHandler(client) : client;
        String[] found = new String[2];
        findTokens(holder, found);
        String name = client.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(client));
        if (found[0] == null) {
            return new Caller(name, null, null, false);
        }
        String[] claims = claimsOf(found[0]);
        if (found[1] != null && !java.util.Objects.equals(claimsOf(found[1])[0], claims[0])) {
            return Caller.AMBIGUOUS;
        }
        return new Caller(name, claims[0], claims[1], claims[0] != null);
    }

    /** The identity of a per-call credential: a bearer token passed as an argument of the call itself. */
    Caller identityOfArgument(Object arg) {
        String token = null;
        if (arg instanceof String text && isToken(text)) {
            token = text;
        } else if (arg instanceof Map<?, ?> headers && arg.getClass().getName().startsWith("java.")) {
            for (Map.Entry<?, ?> e : headers.entrySet()) {
                if (e.getKey() instanceof String k && k.equalsIgnoreCase("authorization") && e.getValue() instanceof String v
                        && isToken(v)) {
                    token = v;
                }
            }
        }
        if (token == null) {
            return Caller.UNKNOWN;
        }
        String[] claims = claimsOf(token);
        return new Caller(null, claims[0], claims[1], claims[0] != null);
    }

    private boolean isToken(String text) {
        return text == lastRaw() || (text.indexOf("eyJ") >= 0 && JWT.matcher(text).matches());
    }

    /** A client keeps one token string for many calls: the last one is remembered by identity, the rest by value. */
    private String[] claimsOf(String raw) {
        Object[] last = lastToken;
        if (last != null && last[0] == raw) {
            return (String[]) last[1];
        }
        java.util.regex.Matcher m = JWT.matcher(raw);
        String token = m.matches() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : raw;
        String[] claims = claimsByToken.computeIfAbsent(token, this::decode);
        lastToken = new Object[] {raw, claims};
        return claims;
    }

    private Object lastRaw() {
        Object[] last = lastToken;
        return last == null ? null : last[0];
    }

    /**
     * Collects up to two distinct token strings held by {@code holder}, breadth first, a few objects deep: where
     * generated clients keep them (a config object, an {@code ApiClient}'s map of authentications, the captured
     * value of a {@code Supplier} lambda). Fields are read, nothing is called; JDK objects other than maps and
     * collections are not entered, and the walk is bounded in depth and in objects visited.
     */
    private void findTokens(Object holder, String[] found) {
        java.util.ArrayDeque<Object> queue = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        java.util.IdentityHashMap<Object, Boolean> seen = new java.util.IdentityHashMap<>();
        queue.add(holder);
        depths.add(0);
        int visited = 0;
        while (!queue.isEmpty() && found[1] == null && visited++ < MAX_OBJECTS_SEARCHED) {
            Object current = queue.poll();
            int depth = depths.poll();
            if (seen.put(current, Boolean.TRUE) != null) {
                continue;
            }
            for (Object value : children(current)) {
                if (value instanceof String text) {
                    if (isToken(text)) { // kept as held: the same string object next time hits the identity cache
                        if (found[0] == null) {
                            found[0] = text;
                        } else if (!found[0].equals(text)) {
                            found[1] = text;
                            return;
                        }
                    }
                } else if (value != null && depth < MAX_DEPTH && searchable(value)) {
                    queue.add(value);
                    depths.add(depth + 1);
                }
            }
        }
    }

    private static final int MAX_DEPTH = 6;
    private static final int MAX_OBJECTS_SEARCHED = 160;
    private static final int MAX_COLLECTION = 16;

    private static boolean searchable(Object value) {
        Class<?> type = value.getClass();
        if (type.isArray() || type.isPrimitive()) {
            return false;
        }
        return !type.getName().startsWith("java.") || value instanceof Map<?, ?> || value instanceof java.util.Collection<?>;
    }

    /** The values an object holds: a JDK map's values and a JDK collection's elements (small ones), else its fields. */
    private List<Object> children(Object holder) {
        List<Object> out = new ArrayList<>();
        if (holder.getClass().getName().startsWith("java.")) {
            if (holder instanceof Map<?, ?> map && map.size() <= MAX_COLLECTION) {
                out.addAll(map.values());
            } else if (holder instanceof java.util.Collection<?> items && items.size() <= MAX_COLLECTION) {
                out.addAll(items);
            }
            return out;
        }
        for (Field f : fieldsOf(holder.getClass())) {
            try {
                out.add(f.get(holder));
            } catch (IllegalAccessException | RuntimeException e) {
                // not ours to read
            }
        }
        return out;
    }

    private List<Field> fieldsOf(Class<?> type) {
        return stringishFields.get(type);
    }

    private static List<Field> readableFields(Class<?> t) {
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
        return List.copyOf(out);
    }

    private String[] decode(String token) {
        try {
            String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
            Object claims = Json.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
            if (claims instanceof Map<?, ?> m) {
                return new String[] {text(m, "owner_id", "owner"), text(m, "agent_id", "sub")};
            }
        } catch (RuntimeException e) {
            problems.warn("bad-token", "a client's bearer token could not be decoded (" + e.getClass().getSimpleName()
                    + "); its events carry no owner");
        }
        return new String[] {null, null};
    }

    private static String text(Map<?, ?> claims, String name, String fallback) {
        Object v = claims.get(name);
        if (v == null) {
            v = claims.get(fallback);
        }
        return v == null ? null : v.toString();
    }
}
