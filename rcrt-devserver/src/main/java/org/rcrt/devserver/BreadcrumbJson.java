package org.rcrt.devserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The JSON shapes of a breadcrumb, as named by the OpenAPI document. */
final class BreadcrumbJson {

    private BreadcrumbJson() {
    }

    /** {@code BreadcrumbFull}: {@code GET /breadcrumbs/{id}/full}. */
    static ObjectNode full(Breadcrumb b) {
        ObjectNode node = Json.object();
        node.put("id", b.id().toString());
        node.put("owner_id", b.ownerId().toString());
        node.put("title", b.title());
        node.set("context", b.context().deepCopy());
        node.set("tags", Json.strings(b.tags()));
        node.put("schema_name", b.schemaName());
        node.put("visibility", b.visibility());
        node.put("sensitivity", b.sensitivity());
        node.put("version", b.version());
        node.put("checksum", b.checksum());
        node.put("ttl", timestampOrNull(b.ttl()));
        node.put("created_at", Json.timestamp(b.createdAt()));
        node.put("updated_at", Json.timestamp(b.updatedAt()));
        node.put("created_by", b.createdBy().toString());
        node.put("updated_by", b.updatedBy().toString());
        node.put("size_bytes", b.sizeBytes());
        return node;
    }

    /** {@code BreadcrumbContext}: {@code GET /breadcrumbs/{id}} (no llm_hints to apply here). */
    static ObjectNode contextView(Breadcrumb b) {
        ObjectNode node = listItem(b);
        node.set("context", b.context().deepCopy());
        return node;
    }

    /** {@code ListItem}: one entry of {@code GET /breadcrumbs}. */
    static ObjectNode listItem(Breadcrumb b) {
        ObjectNode node = Json.object();
        node.put("id", b.id().toString());
        node.put("title", b.title());
        node.set("tags", Json.strings(b.tags()));
        node.put("version", b.version());
        node.put("updated_at", Json.timestamp(b.updatedAt()));
        return node;
    }

    /** The {@code breadcrumb.updated} payload the SSE bridge forwards, with exactly these fields. */
    static ObjectNode updatedEvent(Breadcrumb b) {
        ObjectNode node = Json.object();
        node.put("type", "breadcrumb.updated");
        node.put("breadcrumb_id", b.id().toString());
        node.put("owner_id", b.ownerId().toString());
        node.put("version", b.version());
        node.set("tags", Json.strings(b.tags()));
        node.put("schema_name", b.schemaName());
        node.put("updated_at", Json.timestamp(b.updatedAt()));
        node.set("context", b.context().deepCopy());
        return node;
    }

    private static String timestampOrNull(Instant instant) {
        return instant == null ? null : Json.timestamp(instant);
    }
}
