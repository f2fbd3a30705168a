package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** What an agent's selector subscription asks for; absent criteria match everything. */
record Selector(List<String> anyTags, List<String> allTags, String schemaName, List<ContextRule> contextMatch) {

    Selector {
        anyTags = List.copyOf(anyTags);
        allTags = List.copyOf(allTags);
        contextMatch = List.copyOf(contextMatch);
    }

    static Selector parse(ObjectNode body) {
        JsonNode schema = body.get("schema_name");
        if (schema != null && !schema.isNull() && !schema.isTextual()) {
            throw ApiException.badRequest("field 'schema_name' must be a string");
        }
        List<ContextRule> rules = new ArrayList<>();
        JsonNode match = body.get("context_match");
        if (match != null && !match.isNull()) {
            if (!match.isArray()) {
                throw ApiException.badRequest("field 'context_match' must be an array");
            }
            match.forEach(rule -> rules.add(ContextRule.parse(rule)));
        }
        return new Selector(strings(body, "any_tags"), strings(body, "all_tags"),
                schema == null || schema.isNull() ? null : schema.asText(), rules);
    }

    boolean matches(Breadcrumb b) {
        if (!anyTags.isEmpty() && anyTags.stream().noneMatch(b.tags()::contains)) {
            return false;
        }
        if (!b.tags().containsAll(allTags)) {
            return false;
        }
        if (schemaName != null && !schemaName.equals(b.schemaName())) {
            return false;
        }
        return contextMatch.stream().allMatch(rule -> rule.matches(b.context()));
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.set("any_tags", Json.strings(anyTags));
        node.set("all_tags", Json.strings(allTags));
        node.put("schema_name", schemaName);
        ArrayNode rules = node.putArray("context_match");
        contextMatch.forEach(rule -> rules.add(rule.toJson()));
        return node;
    }

    private static List<String> strings(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("field '" + field + "' must be an array of strings");
        }
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw ApiException.badRequest("field '" + field + "' must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }
}
