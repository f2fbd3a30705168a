package com.example.sinks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds an RCRT-style bearer token (unsigned here: only the server would verify it). */
public final class Jwt {
    private Jwt() {}

    public static String token(String ownerId, String agentId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"owner_id\":\"" + ownerId + "\",\"agent_id\":\"" + agentId
                + "\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }
}
