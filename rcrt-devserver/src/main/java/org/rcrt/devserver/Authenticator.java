package org.rcrt.devserver;

import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.util.Locale;

/** Resolves the caller of a request from its bearer token, honouring auth-disabled mode. */
final class Authenticator {

    private final Hs256Jwt jwt;
    private final boolean authDisabled;

    Authenticator(Hs256Jwt jwt, boolean authDisabled) {
        this.jwt = jwt;
        this.authDisabled = authDisabled;
    }

    /**
     * With auth enabled a missing or invalid token is a 401. With auth disabled a valid token still
     * decides owner and agent (so tenant isolation can be exercised), anything else gets the defaults.
     */
    Principal authenticate(Call call, boolean queryTokenAllowed) {
        String token = bearerToken(call.exchange());
        if (token == null && queryTokenAllowed) {
            token = call.query("access_token");
            if (token == null) {
                token = call.query("token");
            }
        }
        if (authDisabled) {
            if (token == null) {
                return Principal.authDisabledDefault();
            }
            try {
                return jwt.verify(token, Instant.now());
            } catch (ApiException invalidToken) {
                return Principal.authDisabledDefault();
            }
        }
        if (token == null) {
            throw ApiException.unauthorized("missing bearer token");
        }
        return jwt.verify(token, Instant.now());
    }

    /** Role checks are skipped in auth-disabled mode, as the real server's AUTH_MODE=disabled does. */
    void requireAnyRole(Principal principal, String... roles) {
        if (!authDisabled && !principal.hasAnyRole(roles)) {
            throw ApiException.forbidden("requires role: " + String.join(" or ", roles));
        }
    }

    private static String bearerToken(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return null;
        }
        header = header.trim();
        if (header.length() > 7 && header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
