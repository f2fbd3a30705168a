package org.rcrt.localbus.agent.interception;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameter and return types of an intercepted method, read from the method string the advice passes
 * ({@code com.acme.Client.create(Lcom/acme/Body;I)Lreactor/core/publisher/Mono;}) as binary class names
 * ({@code reactor.core.publisher.Mono}); primitives and arrays by their descriptor. Nothing is loaded.
 */
record Descriptor(String declaringClass, List<String> parameters, String returnType) {
    /** Method strings are constants of the woven classes: few, and each is parsed once. */
    private static final int MAX_CACHED = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, Descriptor> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The last method looked up: a client called in a loop passes the same constant string every time. */
    private record Last(String method, Descriptor descriptor) {}

    private static volatile Last last = new Last("", null);

    static Descriptor of(String method) {
        Last l = last;
        if (l.method() == method) { // identity: the woven code's own constant, a hit costs no hashing
            return l.descriptor();
        }
        Descriptor d = PARSED.get(method);
        if (d == null) {
            d = parse(method);
            if (PARSED.size() < MAX_CACHED) {
                PARSED.put(method, d);
            }
        }
        last = new Last(method, d);
        return d;
    }

    private static Descriptor parse(String method) {
        int paren = method.indexOf('(');
        int close = method.indexOf(')', paren);
        String head = method.substring(0, paren);
        String declaring = head.substring(0, head.lastIndexOf('.'));
        List<String> params = new ArrayList<>();
        String d = method.substring(paren + 1, close);
        for (int i = 0; i < d.length(); ) {
            int end = typeEnd(d, i);
            params.add(name(d.substring(i, end)));
            i = end;
        }
        return new Descriptor(declaring, List.copyOf(params), name(method.substring(close + 1)));
    }

    private static int typeEnd(String d, int i) {
        while (d.charAt(i) == '[') {
            i++;
        }
        return d.charAt(i) == 'L' ? d.indexOf(';', i) + 1 : i + 1;
    }

    private static String name(String type) {
        return type.startsWith("L") && type.endsWith(";") ? type.substring(1, type.length() - 1).replace('/', '.') : type;
    }
}
