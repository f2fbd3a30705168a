package org.rcrt.localbus.agent.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which intercepted method is a create and which an update, from {@code rcrt.localbus.methods}: an entry
 * {@code name:create} or {@code name:update} says so (a generated client's {@code breadcrumbsIdPatch:update}); a
 * bare name is an update when it starts with {@code update} or {@code patch}, a create otherwise.
 */
public final class CallKinds {
    private final Map<String, CallKind> byName;

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

    /** The kind of {@code com.acme.Client.createBreadcrumb(...)...}. */
    public CallKind of(String method) {
        String name = simpleName(method);
        CallKind kind = byName.get(name);
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
