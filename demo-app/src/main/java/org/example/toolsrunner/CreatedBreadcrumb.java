package org.example.toolsrunner;

/** RCRT answers a create with the new id only; everything else needs {@code GET /breadcrumbs/{id}/full}. */
public record CreatedBreadcrumb(String id) {
}
