package com.example.sinks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The application's own event POJO, with Jackson names for the snake_case fields. */
public class ToolEvent {
    @JsonProperty("breadcrumb_id")
    public String breadcrumbId;
    @JsonProperty("schema_name")
    public String schemaName;
    @JsonProperty("owner_id")
    public String ownerId;
    public long version;
    public Map<String, Object> context;
}
