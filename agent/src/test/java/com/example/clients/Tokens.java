package com.example.clients;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The bearer token the test clients hold: an unsigned JWT whose payload names the owner and agent. */
public final class Tokens {
    public static final String OWNER_ID = "00000000-0000-4000-8000-00000000000a";
    public static final String AGENT_ID = "00000000-0000-4000-8000-00000000000b";
    public static final String JWT = jwt("{\"owner_id\":\"" + OWNER_ID + "\",\"agent_id\":\"" + AGENT_ID
            + "\",\"roles\":[\"emitter\",\"subscriber\"]}");

    private Tokens() {}

    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }
}
