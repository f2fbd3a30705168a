package com.example.bench;

import java.util.List;
import java.util.Map;

/** What a caller asks RCRT to create: the shape of RCRT's create body. */
public record BreadcrumbDraft(String title, Map<String, Object> context, List<String> tags, String schemaName) {}
