package org.rcrt.devserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps method + path template to a route, authenticates, and turns failures into JSON errors. */
final class Router implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** How a route wants its caller identified. */
    enum Access { PUBLIC, BEARER, BEARER_OR_QUERY_TOKEN }

    @FunctionalInterface
    interface Route {
        void handle(Call call) throws IOException;
    }

    private record Entry(String method, String[] template, Access access, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Authenticator authenticator;

    Router(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    Router add(String method, String template, Access access, Route route) {
        entries.add(new Entry(method, segments(template), access, route));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Call call = null;
        try {
            String[] path = segments(exchange.getRequestURI().getPath());
            Set<String> allowed = new LinkedHashSet<>();
            for (Entry entry : entries) {
                Map<String, String> params = match(entry.template(), path);
                if (params == null) {
                    continue;
                }
                if (!entry.method().equals(exchange.getRequestMethod())) {
                    allowed.add(entry.method());
                    continue;
                }
                call = new Call(exchange, params);
                if (entry.access() != Access.PUBLIC) {
                    call.principal(authenticator.authenticate(call, entry.access() == Access.BEARER_OR_QUERY_TOKEN));
                }
                entry.route().handle(call);
                return;
            }
            if (!allowed.isEmpty()) {
                exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
                throw new ApiException(405, "method " + exchange.getRequestMethod() + " not allowed here");
            }
            throw ApiException.notFound("no such route: " + exchange.getRequestURI().getPath());
        } catch (ApiException e) {
            sendError(exchange, call, e.status(), e.getMessage());
        } catch (IOException e) {
            // The client went away mid-request; nothing left to answer.
            LOG.log(Level.DEBUG, "I/O error while answering a request", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected failure on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath(), e);
            sendError(exchange, call, 500, "internal error");
        } finally {
            exchange.close();
        }
    }

    private static void sendError(HttpExchange exchange, Call call, int status, String message) {
        if (exchange.getResponseCode() != -1) {
            return; // headers already sent; the connection is closed by the caller
        }
        try {
            (call != null ? call : new Call(exchange, Map.of())).respond(status, Json.object().put("error", message));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send error response", e);
        }
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), path[i]);
            } else if (!part.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
