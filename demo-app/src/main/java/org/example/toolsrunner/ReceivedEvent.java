package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One call of {@link EventBridge#handleEvent}: the event payload, the breadcrumb it is about, the lane
 * it came by and when it arrived ({@link System#nanoTime()}). Breadcrumb fields win over event fields,
 * since the breadcrumb is the fuller record.
 */
public record ReceivedEvent(JsonNode event, JsonNode breadcrumb, String lane, long receivedAtNanos) {

    public String schemaName() {
        return text("schema_name");
    }

    public String breadcrumbId() {
        String id = text("id");
        return id != null ? id : textOf(event, "breadcrumb_id");
    }

    public JsonNode context() {
        JsonNode context = field("context");
        return context == null ? MissingNode.getInstance() : context;
    }

    /** The request id a tool or workflow answer is correlated by: {@code context.request_id}, or {@code requestId}. */
    public String requestId() {
        JsonNode context = context();
        for (String name : new String[] {"request_id", "requestId"}) {
            JsonNode id = context.get(name);
            if (id != null && id.isValueNode()) {
                return id.asText();
            }
        }
        return null;
    }

    public List<String> tags() {
        JsonNode tags = field("tags");
        List<String> result = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            tags.forEach(tag -> result.add(tag.asText()));
        }
        return result;
    }

    private String text(String name) {
        JsonNode value = field(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private JsonNode field(String name) {
        JsonNode value = breadcrumb == null ? null : breadcrumb.get(name);
        if (value == null || value.isNull()) {
            value = event == null ? null : event.get(name);
        }
        return value;
    }

    private static String textOf(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
