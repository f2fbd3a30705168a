package com.example.hardening;

import com.example.support.ChildApp;
import java.util.Map;

/**
 * A client interface implemented by a lambda and by a method reference: their classes are hidden, so the agent
 * can't weave them and must say so, once, naming the interface. Prints {@code LAMBDA}, {@code REFERENCE},
 * {@code DONE}.
 */
public final class LambdaClientApp {
    /** A functional client interface, as a small application might write one. */
    public interface CrumbFunction {
        String createBreadcrumb(Map<String, Object> body);
    }

    private LambdaClientApp() {}

    public static void main(String[] args) {
        CrumbFunction lambda = body -> "id-" + body.size();
        CrumbFunction reference = LambdaClientApp::create;
        for (int i = 0; i < 3; i++) {
            ChildApp.print("LAMBDA", lambda.createBreadcrumb(Map.of("title", "t" + i)));
            ChildApp.print("REFERENCE", reference.createBreadcrumb(Map.of("title", "t" + i)));
        }
        ChildApp.print("DONE", true);
    }

    private static String create(Map<String, Object> body) {
        return "ref-" + body.size();
    }
}
