package org.rcrt.localbus.agent.sink;

import java.lang.reflect.Method;
import java.util.Map;
import org.rcrt.localbus.agent.event.ObjectTrees;

/**
 * The {@code (breadcrumb_id, version)} an SSE-lane call of a sink method carries in its event argument, read
 * without building the whole event: a Map or JSON text, the application's Jackson tree (through its own
 * {@code get}), or a POJO/record. {@code null} for pings and anything without an id: those pass untouched.
 */
record EventKey(String breadcrumbId, long version) {

    static EventKey of(Object event) {
        Object id;
        Object version;
        if (event instanceof Map<?, ?> map) {
            id = map.get("breadcrumb_id");
            version = map.get("version");
        } else if (event != null && isJacksonTree(event.getClass())) {
            id = jacksonField(event, "breadcrumb_id");
            version = jacksonField(event, "version");
        } else if (event instanceof CharSequence || event != null) {
            Object tree = ObjectTrees.convertOrNull(event);
            if (!(tree instanceof Map<?, ?> map)) {
                return null;
            }
            id = map.containsKey("breadcrumb_id") ? map.get("breadcrumb_id") : map.get("breadcrumbId");
            version = map.get("version");
        } else {
            return null;
        }
        if (id == null) {
            return null;
        }
        long v = version instanceof Number n ? n.longValue() : parse(version);
        return new EventKey(id.toString(), v);
    }

    private static long parse(Object version) {
        if (version == null) {
            return 0;
        }
        try {
            return Long.parseLong(version.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isJacksonTree(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.fasterxml.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }

    /** {@code node.get(name)} and then its text or number, through the node's own public methods. */
    private static Object jacksonField(Object node, String name) {
        try {
            Method get = node.getClass().getMethod("get", String.class);
            Object child = get.invoke(node, name);
            if (child == null) {
                return null;
            }
            boolean numeric = (Boolean) child.getClass().getMethod("isNumber").invoke(child);
            return numeric ? child.getClass().getMethod("asLong").invoke(child)
                    : child.getClass().getMethod("asText").invoke(child);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
