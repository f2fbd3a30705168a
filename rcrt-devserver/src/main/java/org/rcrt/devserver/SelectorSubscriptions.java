package org.rcrt.devserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** The selector subscriptions of all agents; each belongs to one (owner, agent) pair. */
final class SelectorSubscriptions {

    record Subscription(UUID id, UUID ownerId, UUID agentId, Selector selector, long order) {

        /** {@code SelectorSubscription} of the OpenAPI document. */
        ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("id", id.toString());
            node.put("owner_id", ownerId.toString());
            node.put("agent_id", agentId.toString());
            node.set("selector", selector.toJson());
            return node;
        }

        boolean ownedBy(Principal caller) {
            return ownerId.equals(caller.ownerId()) && agentId.equals(caller.agentId());
        }
    }

    private final Map<UUID, Subscription> byId = new ConcurrentHashMap<>();
    /** Creation order, so listings are stable. */
    private final AtomicLong nextOrder = new AtomicLong();

    Subscription add(Principal caller, Selector selector) {
        Subscription subscription = new Subscription(UUID.randomUUID(), caller.ownerId(), caller.agentId(),
                selector, nextOrder.getAndIncrement());
        byId.put(subscription.id(), subscription);
        return subscription;
    }

    List<Subscription> list(Principal caller) {
        return byId.values().stream()
                .filter(s -> s.ownedBy(caller))
                .sorted(Comparator.comparingLong(Subscription::order))
                .toList();
    }

    void replace(Principal caller, UUID id, Selector selector) {
        boolean[] replaced = {false};
        byId.computeIfPresent(id, (key, current) -> {
            if (!current.ownedBy(caller)) {
                return current;
            }
            replaced[0] = true;
            return new Subscription(current.id(), current.ownerId(), current.agentId(), selector, current.order());
        });
        if (!replaced[0]) {
            throw notFound();
        }
    }

    void remove(Principal caller, UUID id) {
        boolean[] removed = {false};
        byId.computeIfPresent(id, (key, current) -> {
            if (!current.ownedBy(caller)) {
                return current;
            }
            removed[0] = true;
            return null;
        });
        if (!removed[0]) {
            throw notFound();
        }
    }

    /** The agents of the breadcrumb's owner that have at least one selector matching it. */
    Set<UUID> agentsMatching(Breadcrumb breadcrumb) {
        return byId.values().stream()
                .filter(s -> s.ownerId().equals(breadcrumb.ownerId()))
                .filter(s -> s.selector().matches(breadcrumb))
                .map(Subscription::agentId)
                .collect(Collectors.toSet());
    }

    private static ApiException notFound() {
        return ApiException.notFound("selector not found");
    }
}
