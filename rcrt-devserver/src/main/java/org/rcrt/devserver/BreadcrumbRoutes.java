package org.rcrt.devserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.List;

/** {@code /breadcrumbs} endpoints. */
final class BreadcrumbRoutes {

    private static final String[] WRITER_ROLES = {"emitter", "curator"};

    private final BreadcrumbStore store;
    private final Authenticator authenticator;

    BreadcrumbRoutes(BreadcrumbStore store, Authenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    void register(Router router) {
        router.add("POST", "/breadcrumbs", Router.Access.BEARER, this::handleCreate)
                .add("GET", "/breadcrumbs", Router.Access.BEARER, this::handleList)
                .add("GET", "/breadcrumbs/{id}", Router.Access.BEARER, this::handleGet)
                .add("PATCH", "/breadcrumbs/{id}", Router.Access.BEARER, this::handlePatch)
                .add("DELETE", "/breadcrumbs/{id}", Router.Access.BEARER, this::handleDelete)
                .add("GET", "/breadcrumbs/{id}/full", Router.Access.BEARER, this::handleGetFull);
    }

    private void handleCreate(Call call) throws IOException {
        authenticator.requireAnyRole(call.principal(), WRITER_ROLES);
        BreadcrumbFields fields = BreadcrumbFields.parse(call.body());
        Breadcrumb created = store.create(call.principal(), fields, call.header("Idempotency-Key"));
        call.respond(200, Json.object().put("id", created.id().toString()));
    }

    private void handlePatch(Call call) throws IOException {
        authenticator.requireAnyRole(call.principal(), WRITER_ROLES);
        BreadcrumbFields fields = BreadcrumbFields.parse(call.body());
        store.patch(call.principal(), call.uuidParam("id"), fields, expectedVersion(call.header("If-Match")));
        call.respondOk();
    }

    private void handleGetFull(Call call) throws IOException {
        call.respond(200, BreadcrumbJson.full(store.get(call.principal(), call.uuidParam("id"))));
    }

    private void handleGet(Call call) throws IOException {
        call.respond(200, BreadcrumbJson.contextView(store.get(call.principal(), call.uuidParam("id"))));
    }

    private void handleList(Call call) throws IOException {
        List<Breadcrumb> matches = store.list(call.principal(), call.query("schema_name"), call.query("tag"));
        boolean includeContext = Boolean.parseBoolean(call.query("include_context"));
        ArrayNode items = Json.MAPPER.createArrayNode();
        matches.stream()
                .skip(nonNegativeInt(call, "offset", 0))
                .limit(nonNegativeInt(call, "limit", Integer.MAX_VALUE))
                .map(b -> includeContext ? BreadcrumbJson.contextView(b) : BreadcrumbJson.listItem(b))
                .forEach(items::add);
        call.respond(200, items);
    }

    private void handleDelete(Call call) throws IOException {
        authenticator.requireAnyRole(call.principal(), WRITER_ROLES);
        store.delete(call.principal(), call.uuidParam("id"));
        call.respondOk();
    }

    /** If-Match carries the version as an entity tag, {@code "5"}; a bare {@code 5} is accepted too. */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("If-Match must be a version number such as \"3\"");
        }
    }

    private static int nonNegativeInt(Call call, String name, int fallback) {
        String value = call.query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("query parameter '" + name + "' must be a non-negative integer");
    }
}
