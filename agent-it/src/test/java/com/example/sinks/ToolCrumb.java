package com.example.sinks;

import java.util.List;
import java.util.Map;

/** The application's own breadcrumb record. */
public record ToolCrumb(String title, Map<String, Object> context, List<String> tags) {}
