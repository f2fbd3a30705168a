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

    record Identity(String client, String ownerId, String agentId) {}

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

    Identity identityOf(Object client) {
        if (client == null) {
            return new Identity(null, null, null);
        }
        String name = client.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(client));
        Object holder = Proxy.isProxyClass(client.getClass()) ? Proxy.getInvocationHandler(client) : client;
        String token = findToken(holder, 0);
        if (token == null) {
            return new Identity(name, null, null);
        }
        String[] claims = claimsOf(token);
        return new Identity(name, claims[0], claims[1]);
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

    private String findToken(Object holder, int depth) {
        if (holder == null || depth > 1) {
            return null;
        }
        for (Field f : fieldsOf(holder.getClass())) {
            Object value;
            try {
                value = f.get(holder);
            } catch (IllegalAccessException | RuntimeException e) {
                continue;
            }
            if (value instanceof String text) {
                if (text == lastRaw() || (text.indexOf("eyJ") >= 0 && JWT.matcher(text).matches())) {
                    return text; // as held: the same string object next time hits the identity cache
                }
            } else if (value != null && depth == 0 && !value.getClass().getName().startsWith("java.")) {
                String nested = findToken(value, depth + 1);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
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
