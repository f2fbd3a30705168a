package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The writable fields of a create or PATCH body, validated. A {@code null} field was not sent
 * (or sent as null), which for a PATCH means "leave unchanged".
 */
record BreadcrumbFields(String title, ObjectNode context, List<String> tags, String schemaName,
                        String visibility, String sensitivity, Instant ttl) {

    private static final Set<String> VISIBILITIES = Set.of("public", "team", "private");
    private static final Set<String> SENSITIVITIES = Set.of("low", "pii", "secret");

    static BreadcrumbFields parse(ObjectNode body) {
        return new BreadcrumbFields(
                text(body, "title"),
                context(body),
                tags(body),
                text(body, "schema_name"),
                oneOf(body, "visibility", VISIBILITIES),
                oneOf(body, "sensitivity", SENSITIVITIES),
                ttl(body));
    }

    /** Creating needs title, context and tags; the first one missing is named in the 400. */
    BreadcrumbFields requireCreateFields() {
        if (title == null) {
            throw ApiException.badRequest("missing required field 'title'");
        }
        if (context == null) {
            throw ApiException.badRequest("missing required field 'context'");
        }
        if (tags == null) {
            throw ApiException.badRequest("missing required field 'tags'");
        }
        return this;
    }

    private static JsonNode present(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static String text(ObjectNode body, String field) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return node.asText();
    }

    private static ObjectNode context(ObjectNode body) {
        JsonNode node = present(body, "context");
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("field 'context' must be a JSON object");
        }
        return ((ObjectNode) node).deepCopy();
    }

    private static List<String> tags(ObjectNode body) {
        JsonNode node = present(body, "tags");
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("field 'tags' must be an array of strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest("field 'tags' must be an array of strings");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static String oneOf(ObjectNode body, String field, Set<String> allowed) {
        String value = text(body, field);
        if (value != null && !allowed.contains(value)) {
            throw ApiException.badRequest("field '" + field + "' must be one of " + allowed);
        }
        return value;
    }

    private static Instant ttl(ObjectNode body) {
        String value = text(body, "ttl");
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("field 'ttl' must be an RFC 3339 date-time");
        }
    }
}
