package org.rcrt.localbus.agent.event;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
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
    /** In a holder: compiled when the first token candidate is seen, not in every process's start. */
    private static final class Jwt {
        static final Pattern PATTERN = Pattern.compile("(?:Bearer\\s+)?(eyJ[A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)");
    }
    private static final int MAX_CACHED_TOKENS = 64;
    private volatile Object[] lastToken;


    private final OncePerKey problems;
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
        java.util.concurrent.atomic.AtomicReference<Known> last = lastByClass.get(client.getClass());
        Known known = last.get();
        if (known != null && known.client == client && known.tokens.stillHolds(holder)) {
            return known.caller;
        }
        HeldTokens tokens = HeldTokens.of(holder, tokenTest);
        Caller caller = callerOf(tokens, known != null && known.client == client ? known.caller.client() : nameOf(client));
        last.set(new Known(client, tokens, caller));
        return caller;
    }

    private Caller callerOf(HeldTokens tokens, String name) {
        if (tokens.first == null) {
            return new Caller(name, null, null, false);
        }
        String[] claims = claimsOf(tokens.first);
        if (tokens.second != null && !java.util.Objects.equals(claimsOf(tokens.second)[0], claims[0])) {
            return Caller.AMBIGUOUS;
        }
        return new Caller(name, claims[0], claims[1], claims[0] != null);
    }

    private static String nameOf(Object client) {
        return client.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(client));
    }

    /**
     * The last client of each class seen, with what its walk read and what it found: an application calls the same
     * few clients again and again, and checking that a client still holds what its last walk read is far cheaper
     * than walking again. Kept in a {@link ClassValue} of the client's class: the entry (which holds the client and
     * the objects its walk read) then lives and dies with that class and never keeps its class loader alive.
     */
    private record Known(Object client, HeldTokens tokens, Caller caller) {}

    private final ClassValue<java.util.concurrent.atomic.AtomicReference<Known>> lastByClass = new ClassValue<>() {
        @Override
        protected java.util.concurrent.atomic.AtomicReference<Known> computeValue(Class<?> type) {
            return new java.util.concurrent.atomic.AtomicReference<>();
        }
    };

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

    /**
     * {@link #isToken} for {@link HeldTokens}: a class, not a method reference, as it is made at an application's
     * first RCRT call, where a lambda's first use would spin its class (and java.lang.invoke's) on the caller's thread.
     */
    private final Predicate<String> tokenTest = new Predicate<>() {
        @Override
        public boolean test(String text) {
            return isToken(text);
        }
    };

    private boolean isToken(String text) {
        return text == lastRaw() || (text.indexOf("eyJ") >= 0 && Jwt.PATTERN.matcher(text).matches());
    }

    /** A client keeps one token string for many calls: the last one is remembered by identity, the rest by value. */
    private String[] claimsOf(String raw) {
        Object[] last = lastToken;
        if (last != null && last[0] == raw) {
            return (String[]) last[1];
        }
        java.util.regex.Matcher m = Jwt.PATTERN.matcher(raw);
        String token = m.matches() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : raw;
        String[] claims = claimsByToken.get(token);
        if (claims == null) {
            claims = decode(token);
            claimsByToken.put(token, claims);
        }
        lastToken = new Object[] {raw, claims};
        return claims;
    }

    private Object lastRaw() {
        Object[] last = lastToken;
        return last == null ? null : last[0];
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
