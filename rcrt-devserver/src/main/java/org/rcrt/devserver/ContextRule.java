package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** One {@code context_match} entry of a selector: a {@code $.a.b} path, an operator and a value. */
record ContextRule(String path, String op, JsonNode value) {

    private static final Set<String> OPERATORS = Set.of("eq", "ne", "contains_any", "gt", "lt");

    static ContextRule parse(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.badRequest("each 'context_match' entry must be an object");
        }
        JsonNode path = node.get("path");
        JsonNode op = node.get("op");
        JsonNode value = node.get("value");
        if (path == null || !path.isTextual() || !path.asText().startsWith("$.") || path.asText().length() < 3) {
            throw ApiException.badRequest("'context_match.path' must be a string like \"$.key\" or \"$.a.b\"");
        }
        if (op == null || !op.isTextual() || !OPERATORS.contains(op.asText())) {
            throw ApiException.badRequest("'context_match.op' must be one of eq, ne, contains_any, gt, lt");
        }
        if (value == null) {
            throw ApiException.badRequest("'context_match.value' is required");
        }
        if (op.asText().equals("contains_any") && !value.isArray()) {
            throw ApiException.badRequest("'context_match.value' must be an array for contains_any");
        }
        return new ContextRule(path.asText(), op.asText(), value.deepCopy());
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("path", path);
        node.put("op", op);
        node.set("value", value.deepCopy());
        return node;
    }

    boolean matches(JsonNode context) {
        JsonNode actual = resolve(context);
        return switch (op) {
            case "eq" -> actual != null && same(actual, value);
            case "ne" -> actual == null || !same(actual, value);
            case "contains_any" -> actual != null && containsAny(actual);
            case "gt" -> actual != null && compare(actual, value) > 0;
            case "lt" -> actual != null && compare(actual, value) < 0;
            default -> throw new IllegalStateException("unvalidated operator " + op);
        };
    }

    private JsonNode resolve(JsonNode context) {
        List<String> keys = Arrays.asList(path.substring(2).split("\\."));
        JsonNode node = context;
        for (String key : keys) {
            node = node.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
        }
        return node;
    }

    /** An array field matches if it shares an element with the value; a scalar if the value lists it. */
    private boolean containsAny(JsonNode actual) {
        for (JsonNode wanted : value) {
            if (actual.isArray()) {
                for (JsonNode element : actual) {
                    if (same(element, wanted)) {
                        return true;
                    }
                }
            } else if (same(actual, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Numbers compare numerically, strings lexically (which orders RFC 3339 UTC times); else no match. */
    private static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual()) {
            return Integer.signum(a.asText().compareTo(b.asText()));
        }
        return 0;
    }
}
