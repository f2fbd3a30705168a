package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a waiter waits for, as RCRT runners phrase it: a schema name, a request id
 * ({@code context.request_id} or {@code context.requestId}), tags that must all be present, and
 * {@code context_match} rules ({@code $.a.b} equals a value). Unset parts match anything.
 * Immutable; the {@code with...} methods return a copy.
 */
public record EventCriteria(String schemaName, String requestId, List<String> allTags, List<ContextMatch> contextMatch) {

    /** One {@code context_match} rule: the value at {@code path} (from {@code $}, the context) equals {@code value}. */
    public record ContextMatch(String path, JsonNode value) {
        public ContextMatch {
            if (path == null || !(path.equals("$") || path.startsWith("$."))) {
                throw new IllegalArgumentException("context_match path must look like $.a.b, was: " + path);
            }
        }

        boolean matches(JsonNode context) {
            JsonNode node = context;
            if (!path.equals("$")) {
                for (String step : path.substring(2).split("\\.")) {
                    node = node == null ? null : node.get(step);
                }
            }
            return node != null && sameValue(node, value);
        }

        private static boolean sameValue(JsonNode actual, JsonNode expected) {
            if (actual.isNumber() && expected.isNumber()) {
                // 5 (int) and 5.0 (double) are the same number to a JSON author.
                return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
            }
            return actual.equals(expected);
        }
    }

    public EventCriteria {
        allTags = List.copyOf(allTags == null ? List.of() : allTags);
        contextMatch = List.copyOf(contextMatch == null ? List.of() : contextMatch);
    }

    public static EventCriteria any() {
        return new EventCriteria(null, null, List.of(), List.of());
    }

    public static EventCriteria schema(String schemaName) {
        return any().withSchemaName(schemaName);
    }

    public EventCriteria withSchemaName(String name) {
        return new EventCriteria(name, requestId, allTags, contextMatch);
    }

    public EventCriteria withRequestId(String id) {
        return new EventCriteria(schemaName, id, allTags, contextMatch);
    }

    public EventCriteria withAllTags(String... tags) {
        List<String> merged = new ArrayList<>(allTags);
        merged.addAll(List.of(tags));
        return new EventCriteria(schemaName, requestId, merged, contextMatch);
    }

    public EventCriteria withContextMatch(String path, Object value) {
        List<ContextMatch> rules = new ArrayList<>(contextMatch);
        rules.add(new ContextMatch(path, Json.MAPPER.valueToTree(value)));
        return new EventCriteria(schemaName, requestId, allTags, rules);
    }

    public boolean matches(ReceivedEvent received) {
        if (schemaName != null && !schemaName.equals(received.schemaName())) {
            return false;
        }
        if (requestId != null && !Objects.equals(requestId, received.requestId())) {
            return false;
        }
        if (!received.tags().containsAll(allTags)) {
            return false;
        }
        JsonNode context = received.context();
        return contextMatch.stream().allMatch(rule -> rule.matches(context));
    }
}
