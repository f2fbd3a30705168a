package com.example.clients;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every client application sends, and so what every test expects back in the events: one place, read by the
 * applications and by the tests. A case's name travels in its context, which is how a test tells whose event it is.
 */
public final class Bodies {
    public static final String SCHEMA = "clients.test.v1";
    /** A create with this title makes the stand-in answer 500. */
    public static final String FAILING_TITLE = "boom";
    /** The If-Match the stand-in accepts for a fresh breadcrumb (version 1), and one it answers 412 to. */
    public static final String IF_MATCH_CURRENT = "\"1\"";
    public static final String IF_MATCH_STALE = "\"7\"";
    public static final String OWNER = "0000000a-0000-4000-8000-00000000000a";
    public static final String AGENT = "0000000b-0000-4000-8000-00000000000b";
    /** An RCRT-style bearer token for {@link #OWNER} (unsigned: only a real server would verify it). */
    public static final String TOKEN = token(OWNER, AGENT);

    private Bodies() {}

    public static String title(String caseName) {
        return caseName.endsWith("-500") ? FAILING_TITLE : "title of " + caseName;
    }

    public static Map<String, Object> context(String lib, String caseName) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("case", caseName);
        c.put("lib", lib);
        c.put("n", 1);
        return c;
    }

    public static List<String> tags(String lib) {
        return List.of("clients", lib);
    }

    /** The context an update replaces the created one with (RCRT's PATCH replaces each field it names). */
    public static Map<String, Object> patchedContext(String lib, String caseName) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("case", caseName);
        c.put("lib", lib);
        c.put("step", "patched");
        return c;
    }

    private static String token(String ownerId, String agentId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"owner_id\":\"" + ownerId + "\",\"agent_id\":\"" + agentId
                + "\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }
}
