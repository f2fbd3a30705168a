package org.rcrt.localbus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rcrt.localbus.internal.Json;

/**
 * One breadcrumb change event, immutable.
 *
 * <p>Its fields are exactly those of the payload RCRT's SSE stream carries ({@code type, breadcrumb_id, owner_id,
 * version, tags, schema_name, updated_at, context}) and {@link #toJson()} writes exactly that shape, so one
 * handler can serve the local lane and the SSE lane alike. Two more things travel with a local event:
 * {@link #breadcrumb()}, the record as far as it is known locally (for a create: the create body merged with the
 * returned id and version 1), and {@link #origin()}, who produced it.
 *
 * <p>{@link #isComplete()} says whether the event is known to carry exactly what its SSE copy carries. A local
 * event that is not (an update of a record this process doesn't know, or one without an If-Match version) is
 * still delivered to API subscribers, but it never suppresses its SSE copy: deduplicating consumers let the SSE
 * copy through, and zero-code sinks get only complete local events.
 */
public final class BreadcrumbEvent {
    /** The only event type an SSE client sees for creates and patches, and so the type of every local event. */
    public static final String UPDATED = "breadcrumb.updated";

    private final String type;
    private final String breadcrumbId;
    private final String ownerId;
    private final long version;
    private final List<String> tags;
    private final String schemaName;
    private final String updatedAt;
    private final Map<String, Object> context;
    private final Map<String, Object> breadcrumb;
    private final Origin origin;
    private final boolean complete;

    private BreadcrumbEvent(Builder b) {
        this.type = b.type == null ? UPDATED : b.type;
        this.breadcrumbId = b.breadcrumbId;
        this.ownerId = b.ownerId;
        this.version = b.version;
        this.tags = b.tags == null ? List.of() : List.copyOf(b.tags);
        this.schemaName = b.schemaName;
        this.updatedAt = b.updatedAt == null ? Instant.now().toString() : b.updatedAt;
        this.context = Json.freezeMap(b.context);
        this.origin = b.origin == null ? Origin.UNKNOWN : b.origin;
        this.complete = b.complete;
        this.breadcrumb = b.breadcrumb != null ? Json.freezeMap(b.breadcrumb) : defaultBreadcrumb();
    }

    private Map<String, Object> defaultBreadcrumb() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", breadcrumbId);
        if (ownerId != null) {
            record.put("owner_id", ownerId);
        }
        record.put("context", context);
        record.put("tags", tags);
        if (schemaName != null) {
            record.put("schema_name", schemaName);
        }
        record.put("version", version);
        record.put("updated_at", updatedAt);
        return Json.freezeMap(record);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads an SSE payload ({@code data:} JSON of a breadcrumb event). */
    public static BreadcrumbEvent fromJson(String ssePayload) {
        Object parsed = Json.parse(ssePayload);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("an SSE event payload must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return fromMap(fields);
    }

    /**
     * Reads the map form written by {@link #toMap()}, or an SSE payload already parsed into a map.
     *
     * @throws IllegalArgumentException when {@code breadcrumb_id} is missing or a field has the wrong type
     */
    @SuppressWarnings("unchecked")
    public static BreadcrumbEvent fromMap(Map<String, ?> fields) {
        Object id = fields.get("breadcrumb_id");
        if (!(id instanceof String)) {
            throw new IllegalArgumentException("event has no string field 'breadcrumb_id'");
        }
        Builder b = builder()
                .type(stringField(fields, "type"))
                .breadcrumbId((String) id)
                .ownerId(stringField(fields, "owner_id"))
                .schemaName(stringField(fields, "schema_name"))
                .updatedAt(stringField(fields, "updated_at"));
        Object version = fields.get("version");
        if (version instanceof Number n) {
            b.version(n.longValue());
        } else if (version != null) {
            throw new IllegalArgumentException("event field 'version' is not a number: " + version);
        }
        Object tags = fields.get("tags");
        if (tags instanceof List<?> list) {
            List<String> names = new ArrayList<>(list.size());
            for (Object t : list) {
                names.add(String.valueOf(t));
            }
            b.tags(names);
        }
        Object context = fields.get("context");
        if (context instanceof Map<?, ?> ctx) {
            b.context((Map<String, ?>) ctx);
        }
        Object record = fields.get("breadcrumb");
        if (record instanceof Map<?, ?> r) {
            b.breadcrumb((Map<String, ?>) r);
        }
        if (Boolean.FALSE.equals(fields.get("complete"))) {
            b.complete(false);
        }
        Object origin = fields.get("origin");
        if (origin instanceof Map<?, ?> o) {
            b.origin(new Origin(stringField(o, "client"), stringField(o, "owner_id"), stringField(o, "agent_id")));
        }
        return b.build();
    }

    private static String stringField(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : value.toString();
    }

    public String type() {
        return type;
    }

    public String breadcrumbId() {
        return breadcrumbId;
    }

    /** The owner (tenant); {@code null} when the producer's owner could not be read. */
    public String ownerId() {
        return ownerId;
    }

    public long version() {
        return version;
    }

    public List<String> tags() {
        return tags;
    }

    public String schemaName() {
        return schemaName;
    }

    /** RFC 3339 time of the change. */
    public String updatedAt() {
        return updatedAt;
    }

    /** The breadcrumb's whole context object, deeply unmodifiable. */
    public Map<String, Object> context() {
        return context;
    }

    /** The record as far as it is known locally; for a create the body merged with the id and version 1. */
    public Map<String, Object> breadcrumb() {
        return breadcrumb;
    }

    public Origin origin() {
        return origin;
    }

    /**
     * True when this event carries exactly what its SSE copy carries (every SSE event is); false for a local event
     * the agent could not know to be exact. A false event never counts as delivered for deduplication, so the SSE
     * copy still reaches every deduplicating consumer.
     */
    public boolean isComplete() {
        return complete;
    }

    /** Exactly the SSE payload's JSON shape. */
    public String toJson() {
        return Json.write(payload());
    }

    /** The SSE payload's fields as a map, in the stream's order. */
    public Map<String, Object> payload() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("breadcrumb_id", breadcrumbId);
        fields.put("owner_id", ownerId);
        fields.put("version", version);
        fields.put("tags", tags);
        fields.put("schema_name", schemaName);
        fields.put("updated_at", updatedAt);
        fields.put("context", context);
        return fields;
    }

    /** The payload plus {@code breadcrumb}, {@code origin} and {@code complete}: everything, in plain JDK types. */
    public Map<String, Object> toMap() {
        Map<String, Object> fields = payload();
        fields.put("breadcrumb", breadcrumb);
        fields.put("complete", complete);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("client", origin.client());
        o.put("owner_id", origin.ownerId());
        o.put("agent_id", origin.agentId());
        fields.put("origin", o);
        return fields;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BreadcrumbEvent e && toMap().equals(e.toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(breadcrumbId, version, type);
    }

    /** Names the event without its contents: breadcrumbs may hold secrets, and this string can reach a log. */
    @Override
    public String toString() {
        return "BreadcrumbEvent[" + type + " " + breadcrumbId + " v" + version
                + (schemaName == null ? "" : " " + schemaName) + (complete ? "" : " incomplete") + "]";
    }

    /**
     * Who produced a local event: the client instance that created it, and the owner and agent ids read from that
     * client's bearer token where it had one. Events read from SSE have {@link #UNKNOWN} origin.
     */
    public record Origin(String client, String ownerId, String agentId) {
        public static final Origin UNKNOWN = new Origin(null, null, null);
    }

    public static final class Builder {
        private String type;
        private String breadcrumbId;
        private String ownerId;
        private long version = 1;
        private List<String> tags;
        private String schemaName;
        private String updatedAt;
        private Map<String, ?> context;
        private Map<String, ?> breadcrumb;
        private Origin origin;
        private boolean complete = true;

        private Builder() {}

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder breadcrumbId(String id) {
            this.breadcrumbId = id;
            return this;
        }

        public Builder ownerId(String ownerId) {
            this.ownerId = ownerId;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder schemaName(String schemaName) {
            this.schemaName = schemaName;
            return this;
        }

        public Builder updatedAt(String rfc3339) {
            this.updatedAt = rfc3339;
            return this;
        }

        public Builder context(Map<String, ?> context) {
            this.context = context;
            return this;
        }

        /** The full record; when not set, one is derived from the event's fields. */
        public Builder breadcrumb(Map<String, ?> breadcrumb) {
            this.breadcrumb = breadcrumb;
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = origin;
            return this;
        }

        /** Whether the event is known to be exactly its SSE copy; {@code true} unless said otherwise. */
        public Builder complete(boolean complete) {
            this.complete = complete;
            return this;
        }

        public BreadcrumbEvent build() {
            if (breadcrumbId == null || breadcrumbId.isEmpty()) {
                throw new IllegalArgumentException("a breadcrumb event needs a breadcrumb_id");
            }
            return new BreadcrumbEvent(this);
        }
    }
}
