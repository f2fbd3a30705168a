package org.rcrt.localbus.agent.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code -javaagent:agent.jar=key=value,key=value} (keys without the {@code rcrt.localbus.} prefix) and
 * decides whether the agent is switched off, which must be known before anything is installed.
 *
 * <p>A value may itself hold commas ({@code methods=createBreadcrumb,updateBreadcrumb}): a segment without
 * {@code =} continues the previous value.
 */
public final class AgentArguments {
    private AgentArguments() {}

    public static Map<String, String> parse(String agentArgs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return out;
        }
        String lastKey = null;
        for (String segment : agentArgs.split(",")) {
            int eq = segment.indexOf('=');
            if (eq > 0) {
                lastKey = segment.substring(0, eq).trim();
                out.put(lastKey, segment.substring(eq + 1).trim());
            } else if (lastKey != null) {
                out.put(lastKey, out.get(lastKey) + "," + segment.trim());
            } else if (!segment.isBlank()) {
                out.put(segment.trim(), "");
            }
        }
        return out;
    }

    /** {@code enabled=false} from the agent arguments, the system property or the environment, in that order. */
    public static boolean disabled(Map<String, String> agentArgs) {
        String value = agentArgs.get("enabled");
        if (value == null) {
            value = System.getProperty("rcrt.localbus.enabled");
        }
        if (value == null) {
            value = System.getenv("RCRT_LOCALBUS_ENABLED");
        }
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals("false");
    }
}
