package org.rcrt.devserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One stored breadcrumb version. Immutable: a PATCH stores a new instance. */
record Breadcrumb(
        UUID id,
        UUID ownerId,
        String title,
        ObjectNode context,
        List<String> tags,
        String schemaName,
        String visibility,
        String sensitivity,
        Instant ttl,
        long version,
        String checksum,
        long sizeBytes,
        Instant createdAt,
        Instant updatedAt,
        UUID createdBy,
        UUID updatedBy) {

    Breadcrumb {
        tags = List.copyOf(tags);
    }
}
