package org.rcrt.localbus.agent.event;

import java.util.Map;

/**
 * One application call to an RCRT client, captured on the caller's thread at the moment it returned: the one
 * value that travels from the advice to the listener. Everything in it is immutable (the record is a deeply
 * frozen snapshot), so whatever the application does with its objects afterwards, the event is what the call sent.
 *
 * @param kind         create or update
 * @param method       {@code Client.createBreadcrumb}, for diagnostics
 * @param breadcrumbId the breadcrumb's id
 * @param version      the version the call produced; 0 when unknown
 * @param caller       whose call it was
 * @param record       the breadcrumb's fields as far as known (no id, version or owner), deeply frozen
 * @param exact        whether version and record are known to be exactly what the SSE copy carries
 */
public record CapturedCall(CallKind kind, String method, String breadcrumbId, long version, Caller caller,
                           Map<String, Object> record, boolean exact) {}
