package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and verifies the agent JWTs (HS256, claims {@code owner_id, agent_id, roles, iat, exp}). */
final class Hs256Jwt {

    private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    Hs256Jwt(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    String sign(Principal principal, Instant issuedAt, Instant expiresAt) {
        ObjectNode claims = Json.object();
        claims.put("sub", principal.agentId().toString());
        claims.put("owner_id", principal.ownerId().toString());
        claims.put("agent_id", principal.agentId().toString());
        ArrayNode roles = claims.putArray("roles");
        principal.roles().forEach(roles::add);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        String signingInput = HEADER + "." + encode(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + encode(mac(signingInput));
    }

    /** Checks structure, algorithm, signature and expiry; any failure is a 401. */
    Principal verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw ApiException.unauthorized("malformed token");
        }
        JsonNode header = decodeJson(parts[0]);
        if (!"HS256".equals(header.path("alg").asText())) {
            throw ApiException.unauthorized("unsupported token algorithm");
        }
        byte[] expected = mac(parts[0] + "." + parts[1]);
        byte[] actual;
        try {
            actual = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("malformed token");
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            throw ApiException.unauthorized("invalid token signature");
        }
        JsonNode claims = decodeJson(parts[1]);
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.canConvertToLong() || exp.asLong() <= now.getEpochSecond()) {
            throw ApiException.unauthorized("token expired");
        }
        return new Principal(uuidClaim(claims, "owner_id"), uuidClaim(claims, "agent_id"), roles(claims));
    }

    private static UUID uuidClaim(JsonNode claims, String name) {
        try {
            return UUID.fromString(claims.path(name).asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("token lacks a valid " + name);
        }
    }

    private static List<String> roles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }

    private static JsonNode decodeJson(String part) {
        try {
            JsonNode node = Json.MAPPER.readTree(DECODER.decode(part));
            if (node == null || !node.isObject()) {
                throw ApiException.unauthorized("malformed token");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.unauthorized("malformed token");
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
