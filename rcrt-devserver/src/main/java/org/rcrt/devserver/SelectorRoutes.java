package org.rcrt.devserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;

/** {@code /subscriptions/selectors} endpoints: the calling agent's own selectors. */
final class SelectorRoutes {

    private static final String[] SUBSCRIBER_ROLES = {"subscriber", "curator"};

    private final SelectorSubscriptions subscriptions;
    private final Authenticator authenticator;

    SelectorRoutes(SelectorSubscriptions subscriptions, Authenticator authenticator) {
        this.subscriptions = subscriptions;
        this.authenticator = authenticator;
    }

    void register(Router router) {
        router.add("POST", "/subscriptions/selectors", Router.Access.BEARER, this::handleAdd)
                .add("GET", "/subscriptions/selectors", Router.Access.BEARER, this::handleList)
                .add("PUT", "/subscriptions/selectors/{id}", Router.Access.BEARER, this::handleReplace)
                .add("DELETE", "/subscriptions/selectors/{id}", Router.Access.BEARER, this::handleRemove);
    }

    private void handleAdd(Call call) throws IOException {
        authenticator.requireAnyRole(call.principal(), SUBSCRIBER_ROLES);
        Selector selector = Selector.parse(call.body());
        call.respond(200, subscriptions.add(call.principal(), selector).toJson());
    }

    private void handleList(Call call) throws IOException {
        ArrayNode items = Json.MAPPER.createArrayNode();
        subscriptions.list(call.principal()).forEach(s -> items.add(s.toJson()));
        call.respond(200, items);
    }

    private void handleReplace(Call call) throws IOException {
        authenticator.requireAnyRole(call.principal(), SUBSCRIBER_ROLES);
        Selector selector = Selector.parse(call.body());
        subscriptions.replace(call.principal(), call.uuidParam("id"), selector);
        call.respondOk();
    }

    private void handleRemove(Call call) throws IOException {
        authenticator.requireAnyRole(call.principal(), SUBSCRIBER_ROLES);
        subscriptions.remove(call.principal(), call.uuidParam("id"));
        call.respondOk();
    }
}
