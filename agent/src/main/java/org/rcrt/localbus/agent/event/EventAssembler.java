package org.rcrt.localbus.agent.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        String now = Instant.now().toString();

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", call.breadcrumbId());
        if (caller.ownerId() != null) {
            record.put("owner_id", caller.ownerId());
        }
        record.putAll(fields);
        record.put("version", call.version());
        record.put("updated_at", now);
        return BreadcrumbEvent.builder()
                .breadcrumbId(call.breadcrumbId())
                .ownerId(caller.ownerId())
                .version(call.version())
                .tags(tags)
                .schemaName(schema instanceof String s ? s : null)
                .updatedAt(now)
                .context(context)
                .breadcrumb(Json.adoptFrozen(record))
                .origin(new BreadcrumbEvent.Origin(caller.client(), caller.ownerId(), caller.agentId()))
                .complete(call.exact())
                .build();
    }
}
