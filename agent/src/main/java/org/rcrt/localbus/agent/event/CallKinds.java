package org.rcrt.localbus.agent.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which intercepted method is a create and which an update, from {@code rcrt.localbus.methods}: an entry
 * {@code name:create} or {@code name:update} says so (a generated client's {@code breadcrumbsIdPatch:update}); a
 * bare name is an update when it starts with {@code update} or {@code patch}, a create otherwise. A configured name
 * wins; then what the agent learned of a method from its HTTP annotations (a proxy's {@code breadcrumbsIdPatch}
 * under {@code @PATCH("breadcrumbs/{id}")}, see {@code HttpRoutes}); then the name's prefix.
 */
public final class CallKinds {
    /** Learned kinds kept at most: beyond, a further annotated method is not intercepted by its annotations. */
    public static final int MAX_LEARNED = 4096;

    private final Map<String, CallKind> byName;
    /** By the woven method string ({@code jdk.proxy2.$Proxy12.breadcrumbsPost(...)...}). */
    private final Map<String, CallKind> learned = new ConcurrentHashMap<>();

    private CallKinds(Map<String, CallKind> byName) {
        this.byName = byName;
    }

    /** From the configured entries; each is {@code name} or {@code name:create|update} (already validated). */
    public static CallKinds of(List<String> entries) {
        Map<String, CallKind> byName = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon);
            byName.put(name, colon < 0 ? byNamePrefix(name) : CallKind.valueOf(entry.substring(colon + 1).toUpperCase(Locale.ROOT)));
        }
        return new CallKinds(java.util.Collections.unmodifiableMap(byName)); // in the order given, for the start line
    }

    /** The method names to weave. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Whether {@code name} is a configured method name (whose kind no annotation changes). */
    public boolean configured(String name) {
        return byName.containsKey(name);
    }

    /**
     * Remembers the kind of a woven method, by the string the woven code passes; {@code false} when
     * {@link #MAX_LEARNED} kinds are already kept (then the method must not be woven for its annotations).
     */
    public synchronized boolean learn(String method, CallKind kind) {
        if (learned.size() >= MAX_LEARNED && !learned.containsKey(method)) {
            return false;
        }
        learned.put(method, kind);
        return true;
    }

    /** The kind of {@code com.acme.Client.createBreadcrumb(...)...}. */
    public CallKind of(String method) {
        String name = simpleName(method);
        CallKind kind = byName.get(name);
        if (kind == null) {
            kind = learned.get(method);
        }
        return kind != null ? kind : byNamePrefix(name);
    }

    private static CallKind byNamePrefix(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("update") || n.startsWith("patch") ? CallKind.UPDATE : CallKind.CREATE;
    }

    /** {@code createBreadcrumb} out of {@code com.acme.Client.createBreadcrumb(Ljava/lang/Object;)...}. */
    public static String simpleName(String method) {
        int paren = method.indexOf('(');
        String head = paren < 0 ? method : method.substring(0, paren);
        return head.substring(head.lastIndexOf('.') + 1);
    }
}
