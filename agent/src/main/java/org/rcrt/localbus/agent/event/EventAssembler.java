package org.rcrt.localbus.agent.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.internal.Json;

/**
 * Builds the local event of a {@link CapturedCall} the way RCRT's SSE lane describes the same change: type
 * {@code breadcrumb.updated}, the record's {@code tags}, {@code schema_name} and whole {@code context}, the
 * caller's owner, the version. Reads only the call's frozen snapshot, so it may run on any thread, at any time.
 */
public final class EventAssembler {
    private EventAssembler() {}

    @SuppressWarnings("unchecked")
    public static BreadcrumbEvent assemble(CapturedCall call) {
        Map<String, Object> fields = call.record();
        Caller caller = call.caller();
        Object c = fields.get("context");
        Map<String, Object> context = c instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<String> tags = new ArrayList<>();
        if (fields.get("tags") instanceof List<?> list) {
            for (Object tag : list) {
                if (tag instanceof String s) {
                    tags.add(s);
                }
            }
        }
        Object schema = fields.get("schema_name");
        String now = Timestamps.now();

        // The record as the SSE copy shows it: id, owner, the known fields, version, time. Built straight into
        // arrays (the fields are a snapshot with distinct keys); a field the record itself names last wins, as
        // it would in a map.
        String[] keys = new String[fields.size() + 4];
        Object[] values = new Object[keys.length];
        int n = 0;
        keys[n] = "id";
        values[n++] = call.breadcrumbId();
        if (caller.ownerId() != null) {
            keys[n] = "owner_id";
            values[n++] = caller.ownerId();
        }
        int fixed = n;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String key = e.getKey();
            if (key.equals("version") || key.equals("updated_at")) {
                continue; // set below
            }
            int at = indexOf(keys, fixed, key);
            if (at >= 0) {
                values[at] = e.getValue();
            } else if (n < keys.length - 2) {
                keys[n] = key;
                values[n++] = e.getValue();
            }
        }
        keys[n] = "version";
        values[n++] = call.version();
        keys[n] = "updated_at";
        values[n++] = now;
        return BreadcrumbEvent.builder()
                .breadcrumbId(call.breadcrumbId())
                .ownerId(caller.ownerId())
                .version(call.version())
                .tags(tags)
                .schemaName(schema instanceof String s ? s : null)
                .updatedAt(now)
                .context(context)
                .breadcrumb(Json.adoptFrozen(keys, values, n))
                .origin(new BreadcrumbEvent.Origin(caller.client(), caller.ownerId(), caller.agentId()))
                .complete(call.exact())
                .build();
    }

    private static int indexOf(String[] keys, int n, String key) {
        for (int i = 0; i < n; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
