package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /auth/token}: issues a signed agent JWT for any owner/agent pair (a dev convenience, like RCRT's). */
final class TokenRoute {

    private static final long DEFAULT_TTL_SEC = 3600;

    private final Hs256Jwt jwt;

    TokenRoute(Hs256Jwt jwt) {
        this.jwt = jwt;
    }

    void register(Router router) {
        router.add("POST", "/auth/token", Router.Access.PUBLIC, this::handleIssue);
    }

    private void handleIssue(Call call) throws IOException {
        ObjectNode body = call.body();
        Principal principal = new Principal(uuid(body, "owner_id"), uuid(body, "agent_id"), roles(body));
        Instant now = Instant.now();
        Instant expiresAt = now.plusSeconds(ttlSeconds(body));
        ObjectNode answer = Json.object();
        answer.put("token", jwt.sign(principal, now, expiresAt));
        answer.put("owner_id", principal.ownerId().toString());
        answer.put("agent_id", principal.agentId().toString());
        answer.set("roles", Json.strings(principal.roles()));
        answer.put("exp", expiresAt.getEpochSecond());
        call.respond(200, answer);
    }

    private static UUID uuid(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing required field '" + field + "'");
        }
        try {
            return UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field '" + field + "' must be a UUID");
        }
    }

    private static List<String> roles(ObjectNode body) {
        JsonNode node = body.get("roles");
        List<String> roles = new ArrayList<>();
        if (node == null || node.isNull()) {
            return roles;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("field 'roles' must be an array of strings");
        }
        for (JsonNode role : node) {
            if (!role.isTextual()) {
                throw ApiException.badRequest("field 'roles' must be an array of strings");
            }
            roles.add(role.asText());
        }
        return roles;
    }

    private static long ttlSeconds(ObjectNode body) {
        JsonNode node = body.get("ttl_sec");
        if (node == null || node.isNull()) {
            return DEFAULT_TTL_SEC;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() <= 0) {
            throw ApiException.badRequest("field 'ttl_sec' must be a positive integer");
        }
        return node.asLong();
    }
}
