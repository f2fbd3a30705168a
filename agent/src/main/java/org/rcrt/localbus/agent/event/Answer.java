package org.rcrt.localbus.agent.event;

import java.util.Map;
import java.util.UUID;

/**
 * What a call answered, as far as the local lane cares: the breadcrumb id it names, or that it was a failure. Read
 * by field, selectively — an {@code id}; a status ({@code statusCode}, {@code status}, {@code code}, a
 * {@code rawResponse}'s {@code code}, an {@code HttpStatus}'s {@code value}); the answer inside a wrapper
 * ({@code data}, {@code body}) — so a response wrapper of any client library (openapi-generator's
 * {@code ApiResponse<T>}, Spring's {@code ResponseEntity<T>}, Retrofit's {@code Response<T>}, the JDK's
 * {@code HttpResponse<T>}) gives its id without its whole object graph being walked, and a non-2xx status inside
 * one is a failure. No application method is called.
 */
record Answer(String id, boolean failed) {
    static final Answer NONE = new Answer(null, false);
    static final Answer FAILED = new Answer(null, true);
    private static final int MAX_WRAPPING = 3;
    /** The fields an answer is read by; the indexes below name their positions. */
    private static final ObjectTree.FieldNames READ_FIELDS =
            new ObjectTree.FieldNames("id", "statusCode", "status", "code", "rawResponse", "data", "body");
    private static final int ID = 0;
    private static final int FIRST_STATUS = 1;
    private static final int LAST_STATUS = 3;
    private static final int RAW_RESPONSE = 4;
    private static final int FIRST_WRAPPED = 5;
    private static final ObjectTree.FieldNames CODE = new ObjectTree.FieldNames("code");
    private static final ObjectTree.FieldNames VALUE = new ObjectTree.FieldNames("value");
    /** Whether a returned type is an {@code HttpResponse} (see {@link #isHttpResponse}), known once per class. */
    private static final ClassValue<Boolean> HTTP_RESPONSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return implementsHttpResponse(type);
        }
    };

    static Answer of(Object returned, OncePerKey problems) {
        return read(returned, problems, 0);
    }

    private static Answer read(Object value, OncePerKey problems, int depth) {
        if (value == null || value instanceof Number || value instanceof Boolean || depth > MAX_WRAPPING) {
            return NONE;
        }
        if (value instanceof UUID) {
            return new Answer(value.toString(), false);
        }
        if (value instanceof String s) {
            if (ObjectTree.looksLikeJson(s)) {
                return new Answer(IdSource.idOfTree(ObjectTree.parseJson(s, problems)), false);
            }
            return new Answer(IdSource.fromReturned(s), false);
        }
        if (isHttpResponse(value.getClass()) && value instanceof java.net.http.HttpResponse<?> response) {
            return response.statusCode() / 100 == 2 ? read(response.body(), problems, depth + 1) : FAILED;
        }
        if (value instanceof java.util.Optional<?> opt) {
            return read(opt.orElse(null), problems, depth);
        }
        Class<?> type = value.getClass();
        if (value instanceof Map<?, ?> || ObjectTree.isJacksonTree(type)) {
            return new Answer(IdSource.idOfTree(ObjectTree.of(value, problems)), false);
        }
        if (type.getName().startsWith("java.") || type.isArray() || type.isSynthetic() || type.isHidden()) {
            return NONE;
        }
        Object[] fields = READ_FIELDS.read(value);
        Integer status = status(fields);
        if (status != null && status / 100 != 2) {
            return FAILED;
        }
        Object id = fields[ID];
        if (id instanceof String s && !s.isBlank() || id instanceof UUID) {
            return new Answer(id.toString(), false);
        }
        for (int wrapped = FIRST_WRAPPED; wrapped < fields.length; wrapped++) {
            Answer inner = read(fields[wrapped], problems, depth + 1);
            if (inner.id() != null || inner.failed()) {
                return inner;
            }
        }
        return NONE;
    }

    /**
     * Whether the class implements {@code java.net.http.HttpResponse}, asked by name first: the {@code instanceof}
     * alone would load that interface, and with it the JDK's module image reader, at a client's first call even
     * when the client has nothing to do with {@code java.net.http}. Known once per class: the walk copies each
     * interface array it reads, and would otherwise run on every call.
     */
    private static boolean isHttpResponse(Class<?> type) {
        return HTTP_RESPONSES.get(type);
    }

    private static boolean implementsHttpResponse(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals("java.net.http.HttpResponse") || implementsHttpResponse(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A wrapper's HTTP status: a number, an {@code HttpStatus}-like object's {@code value}, a raw response's {@code code}. */
    private static Integer status(Object[] fields) {
        for (int i = FIRST_STATUS; i <= LAST_STATUS; i++) {
            Integer n = number(fields[i]);
            if (n != null) {
                return n;
            }
        }
        Object raw = fields[RAW_RESPONSE];
        return raw == null ? null : number(CODE.read(raw)[0]);
    }

    private static Integer number(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v != null && !(v instanceof Number) && !(v instanceof CharSequence) && !v.getClass().getName().startsWith("java.")) {
            Object inner = VALUE.read(v)[0]; // Spring's HttpStatus / HttpStatusCode
            return inner instanceof Integer i ? i : null;
        }
        return null;
    }
}
