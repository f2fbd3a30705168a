package com.example.bench;

/** What RCRT answers to a create. */
public record CreatedBreadcrumb(String id, long version) {}
