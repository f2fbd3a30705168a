package org.rcrt.localbus.agent.cli;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What an intercepted method's signature says about when its request has really happened, and whether the agent
 * supports that shape today: the {@code scan} command's verdict per method, read from the descriptor alone.
 *
 * <p>It describes the agent's run-time behaviour (the hook and the dispatcher), so it changes with it: a shape the
 * agent learns to follow belongs in {@link #supported} below.
 */
enum ReturnShape {
    VALUE("a plain value"),
    COMPLETION_STAGE("a CompletionStage"),
    NOTHING("void"),
    REACTIVE("a reactive publisher"),
    DEFERRED_CALL("a Call executed later"),
    FUTURE("a Future"),
    CALLBACK("a callback parameter"),
    SUSPEND("a Kotlin suspend function");

    private static final List<String> REACTIVE_TYPES = List.of("org.reactivestreams.Publisher",
            "reactor.core.publisher.Mono", "reactor.core.publisher.Flux", "io.reactivex.rxjava3.core.Single",
            "io.reactivex.rxjava3.core.Maybe", "io.reactivex.rxjava3.core.Observable", "io.reactivex.Single");
    private static final List<String> CALL_TYPES = List.of("retrofit2.Call", "okhttp3.Call");
    private static final List<String> CALLBACK_TYPES = List.of("okhttp3.Callback", "retrofit2.Callback");

    final String text;

    ReturnShape(String text) {
        this.text = text;
    }

    static ReturnShape of(MethodDescription method) {
        List<TypeDescription> parameters = method.getParameters().asTypeList().asErasures();
        if (!parameters.isEmpty() && parameters.get(parameters.size() - 1).getName().equals("kotlin.coroutines.Continuation")) {
            return SUSPEND;
        }
        for (TypeDescription p : parameters) {
            if (isA(p, CALLBACK_TYPES) || p.getSimpleName().endsWith("Callback")) {
                return CALLBACK;
            }
        }
        TypeDescription returned = method.getReturnType().asErasure();
        if (returned.represents(void.class)) {
            return NOTHING;
        }
        if (isA(returned, List.of("java.util.concurrent.CompletionStage"))) {
            return COMPLETION_STAGE;
        }
        if (isA(returned, REACTIVE_TYPES)) {
            return REACTIVE;
        }
        if (isA(returned, CALL_TYPES)) {
            return DEFERRED_CALL;
        }
        if (isA(returned, List.of("java.util.concurrent.Future"))) {
            return FUTURE;
        }
        return VALUE;
    }

    /** Whether the agent makes a true event of a call of this shape; for a create the id must be in the outcome. */
    boolean supported(boolean update) {
        return switch (this) {
            case VALUE, COMPLETION_STAGE -> true;
            case NOTHING -> update;
            default -> false;
        };
    }

    /** The reason, for the report. */
    String verdict(boolean update, String returnedType) {
        return switch (this) {
            case VALUE -> "supported, the id " + (update ? "comes from the arguments" : "is read from what it returns");
            case COMPLETION_STAGE -> "supported, the event follows when it completes normally";
            case NOTHING -> update ? "supported, the id comes from the arguments"
                    : "unsupported: it returns nothing, so no id; no event (one WARN at run time)";
            case REACTIVE -> "unsupported: reactive return " + returnedType
                    + ", the request runs when the application subscribes, after the method returned";
            case DEFERRED_CALL -> "unsupported: it returns " + returnedType
                    + ", the request runs when the application executes it, after the method returned";
            case FUTURE -> "unsupported: it returns " + returnedType + ", which tells no one when it completes";
            case CALLBACK -> "unsupported: the outcome goes to a callback parameter, after the method returned";
            case SUSPEND -> "unsupported: a Kotlin suspend function may return before its request has completed";
        };
    }

    /** Whether the type is, extends or implements one of the named types, as far as its hierarchy can be read. */
    private static boolean isA(TypeDefinition type, List<String> names) {
        if (type == null) {
            return false;
        }
        TypeDescription erasure = type.asErasure();
        if (names.contains(erasure.getName())) {
            return true;
        }
        try {
            for (TypeDescription.Generic i : erasure.getInterfaces()) {
                if (isA(i, names)) {
                    return true;
                }
            }
            return isA(erasure.getSuperClass(), names);
        } catch (RuntimeException unresolvable) {
            return false; // a supertype missing from what was scanned: judged by what could be read
        }
    }
}
