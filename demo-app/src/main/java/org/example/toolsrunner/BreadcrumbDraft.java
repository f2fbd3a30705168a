package org.example.toolsrunner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /breadcrumbs}: what a runner wants to store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BreadcrumbDraft(
        String title,
        Map<String, Object> context,
        List<String> tags,
        @JsonProperty("schema_name") String schemaName) {
}
