package org.rcrt.devserver;

import java.util.List;
import java.util.UUID;

/** Who is calling: the tenant (owner), the agent within it, and the agent's roles. */
record Principal(UUID ownerId, UUID agentId, List<String> roles) {

    static final UUID DEFAULT_OWNER = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID DEFAULT_AGENT = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

    Principal {
        roles = List.copyOf(roles);
    }

    /** The identity used when auth is disabled and no valid token was sent. */
    static Principal authDisabledDefault() {
        return new Principal(DEFAULT_OWNER, DEFAULT_AGENT, List.of("curator", "emitter", "subscriber"));
    }

    boolean hasAnyRole(String... wanted) {
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
