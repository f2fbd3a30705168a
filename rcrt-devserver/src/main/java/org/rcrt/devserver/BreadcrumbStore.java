package org.rcrt.devserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-memory breadcrumbs, every operation scoped to the caller's owner: another owner's breadcrumb
 * does not exist as far as the caller can tell.
 */
final class BreadcrumbStore {

    private static final String DEFAULT_VISIBILITY = "team";
    private static final String DEFAULT_SENSITIVITY = "low";

    private final Map<UUID, Breadcrumb> byId = new ConcurrentHashMap<>();
    private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();
    private final Consumer<Breadcrumb> onWrite;
    private final Object[] writeLocks = new Object[64];

    /** {@code onWrite} sees every created or patched version, in version order per breadcrumb. */
    BreadcrumbStore(Consumer<Breadcrumb> onWrite) {
        this.onWrite = onWrite;
        for (int i = 0; i < writeLocks.length; i++) {
            writeLocks[i] = new Object();
        }
    }

    Breadcrumb create(Principal caller, BreadcrumbFields fields, String idempotencyKey) {
        fields.requireCreateFields();
        if (idempotencyKey != null && !idempotencyKeys.add(caller.ownerId() + "/" + idempotencyKey)) {
            throw new ApiException(409, "duplicate Idempotency-Key");
        }
        Instant now = Json.now();
        ContextDigest digest = ContextDigest.of(fields.context());
        Breadcrumb created = new Breadcrumb(UUID.randomUUID(), caller.ownerId(), fields.title(), fields.context(),
                fields.tags(), fields.schemaName(),
                orDefault(fields.visibility(), DEFAULT_VISIBILITY), orDefault(fields.sensitivity(), DEFAULT_SENSITIVITY),
                fields.ttl(), 1, digest.checksum(), digest.sizeBytes(), now, now, caller.agentId(), caller.agentId());
        // Stored first, announced second: a client reacting to the event at once must find the record.
        byId.put(created.id(), created);
        onWrite.accept(created);
        return created;
    }

    /** Applies the sent fields; {@code expectedVersion} (from If-Match) may be null. */
    Breadcrumb patch(Principal caller, UUID id, BreadcrumbFields fields, Long expectedVersion) {
        // The stripe lock keeps events in version order per breadcrumb while each is announced only once stored.
        synchronized (writeLocks[Math.floorMod(id.hashCode(), writeLocks.length)]) {
            Breadcrumb next = write(caller, id, fields, expectedVersion);
            onWrite.accept(next);
            return next;
        }
    }

    private Breadcrumb write(Principal caller, UUID id, BreadcrumbFields fields, Long expectedVersion) {
        Breadcrumb[] result = new Breadcrumb[1];
        byId.compute(id, (key, current) -> {
            if (current == null || !current.ownerId().equals(caller.ownerId())) {
                throw notFound();
            }
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ApiException(412, "version mismatch: current version is " + current.version());
            }
            ObjectNode context = orDefault(fields.context(), current.context());
            ContextDigest digest = ContextDigest.of(context);
            Breadcrumb next = new Breadcrumb(current.id(), current.ownerId(),
                    orDefault(fields.title(), current.title()), context,
                    orDefault(fields.tags(), current.tags()),
                    orDefault(fields.schemaName(), current.schemaName()),
                    orDefault(fields.visibility(), current.visibility()),
                    orDefault(fields.sensitivity(), current.sensitivity()),
                    orDefault(fields.ttl(), current.ttl()),
                    current.version() + 1, digest.checksum(), digest.sizeBytes(), current.createdAt(), Json.now(),
                    current.createdBy(), caller.agentId());
            result[0] = next;
            return next;
        });
        return result[0];
    }

    Breadcrumb get(Principal caller, UUID id) {
        return visible(caller, id).orElseThrow(BreadcrumbStore::notFound);
    }

    List<Breadcrumb> list(Principal caller, String schemaName, String tag) {
        return byId.values().stream()
                .filter(b -> b.ownerId().equals(caller.ownerId()))
                .filter(b -> schemaName == null || schemaName.equals(b.schemaName()))
                .filter(b -> tag == null || b.tags().contains(tag))
                .sorted(Comparator.comparing(Breadcrumb::updatedAt).reversed())
                .toList();
    }

    void delete(Principal caller, UUID id) {
        boolean[] deleted = {false};
        byId.computeIfPresent(id, (key, current) -> {
            if (!current.ownerId().equals(caller.ownerId())) {
                return current;
            }
            deleted[0] = true;
            return null;
        });
        if (!deleted[0]) {
            throw notFound();
        }
    }

    private Optional<Breadcrumb> visible(Principal caller, UUID id) {
        return Optional.ofNullable(byId.get(id)).filter(b -> b.ownerId().equals(caller.ownerId()));
    }

    private static ApiException notFound() {
        return ApiException.notFound("breadcrumb not found");
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** What the record derives from its context: a SHA-256 of the canonical JSON and its size. */
    private record ContextDigest(String checksum, long sizeBytes) {

        static ContextDigest of(ObjectNode context) {
            byte[] canonical = Json.canonicalBytes(context);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
                return new ContextDigest(HexFormat.of().formatHex(hash), canonical.length);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }
}
