package org.rcrt.localbus.agent.cli;

import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * What an intercepted method's signature says about when its request has really happened, and whether the agent
 * supports that shape today: the {@code scan} command's verdict per method, read from the descriptor alone.
 *
 * <p>It describes the agent's run-time behaviour ({@code CallTracker}, {@code LaterResults}, {@code ClientWeaver}),
 * so it changes with it: a shape the agent learns to follow belongs in {@link #supported} below.
 */
enum ReturnShape {
    VALUE("a plain value"),
    COMPLETION_STAGE("a CompletionStage"),
    NOTHING("void"),
    REACTOR("a Reactor publisher"),
    REACTIVE("a reactive publisher"),
    RETROFIT_CALL("a Retrofit Call"),
    OKHTTP_CALL("an OkHttp Call"),
    FUTURE("a Future"),
    CALLBACK("a callback parameter"),
    FOREIGN_CALLBACK("a callback parameter"),
    OKHTTP_CALLBACK("an OkHttp Callback parameter"),
    SUSPEND("a Kotlin suspend function");

    private static final List<String> REACTOR_TYPES = List.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux");
    private static final List<String> REACTIVE_TYPES = List.of("org.reactivestreams.Publisher",
            "io.reactivex.rxjava3.core.Single", "io.reactivex.rxjava3.core.Maybe", "io.reactivex.rxjava3.core.Observable",
            "io.reactivex.Single");

    final String text;

    ReturnShape(String text) {
        this.text = text;
    }

    /** The shape of a method, as the agent's {@code LaterResults} would follow it at run time. */
    static ReturnShape of(MethodDescription method) {
        List<TypeDescription> parameters = method.getParameters().asTypeList().asErasures();
        if (!parameters.isEmpty() && parameters.get(parameters.size() - 1).getName().equals("kotlin.coroutines.Continuation")) {
            return SUSPEND;
        }
        for (TypeDescription p : parameters) {
            if (isA(p, List.of("okhttp3.Callback"))) {
                return OKHTTP_CALLBACK;
            }
            if (p.isInterface() && hasSuccessMethod(p)) {
                return CALLBACK;
            }
            if (p.getSimpleName().endsWith("Callback")) {
                return FOREIGN_CALLBACK;
            }
        }
        TypeDescription returned = method.getReturnType().asErasure();
        if (returned.represents(void.class)) {
            return NOTHING;
        }
        if (isA(returned, List.of("java.util.concurrent.CompletionStage"))) {
            return COMPLETION_STAGE;
        }
        if (REACTOR_TYPES.contains(returned.getName())) {
            return REACTOR;
        }
        if (isA(returned, REACTIVE_TYPES) || isA(returned, REACTOR_TYPES)) {
            return REACTIVE;
        }
        if (returned.getName().equals("retrofit2.Call")) {
            return RETROFIT_CALL;
        }
        if (isA(returned, List.of("okhttp3.Call", "retrofit2.Call"))) {
            return OKHTTP_CALL;
        }
        if (isA(returned, List.of("java.util.concurrent.Future"))) {
            return FUTURE;
        }
        return VALUE;
    }

    /** An interface with an {@code onSuccess} or {@code onResponse} method: the callbacks the agent decorates. */
    private static boolean hasSuccessMethod(TypeDescription callback) {
        try {
            for (MethodDescription m : callback.getDeclaredMethods()) {
                if (m.getName().equals("onSuccess") || m.getName().equals("onResponse")) {
                    return true;
                }
            }
            for (TypeDescription.Generic i : callback.getInterfaces()) {
                if (hasSuccessMethod(i.asErasure())) {
                    return true;
                }
            }
        } catch (RuntimeException unresolvable) {
            // a supertype missing from what was scanned
        }
        return false;
    }

    /** Whether the agent makes a true event of a call of this shape; for a create the id must be in the outcome. */
    boolean supported(boolean update) {
        return switch (this) {
            case VALUE, COMPLETION_STAGE, REACTOR, RETROFIT_CALL, CALLBACK, SUSPEND -> true;
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
            case REACTOR -> "supported, the event comes with each value the application's own subscription receives";
            case REACTIVE -> "unsupported: reactive return " + returnedType + " is not followed";
            case RETROFIT_CALL -> "supported, the event comes when execute() or enqueue() gets a 2xx response";
            case OKHTTP_CALL -> "unsupported: it returns " + returnedType
                    + ", whose response body is a stream only the application may read";
            case FUTURE -> "unsupported: it returns " + returnedType + ", which tells no one when it completes";
            case CALLBACK -> "supported, the event comes with the callback's onSuccess/onResponse";
            case FOREIGN_CALLBACK -> "unsupported: the outcome goes to a callback without onSuccess/onResponse, "
                    + "which the agent can't follow";
            case OKHTTP_CALLBACK -> "unsupported: an OkHttp Callback's response body is a stream only the application may read";
            case SUSPEND -> "supported, the event comes when the caller's continuation resumes with a value";
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
