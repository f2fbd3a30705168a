package com.example.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An application without an RCRT client: some classes of its own, lambdas and collections, a class that only
 * mentions a method called {@code createBreadcrumb}. Prints {@code WORK done} and {@code DONE}.
 */
public final class NoClientMain {
    private NoClientMain() {}

    public static void main(String[] args) {
        List<Function<Integer, Integer>> steps = new ArrayList<>();
        steps.add(x -> x + 1);
        steps.add(x -> x * 2);
        int v = 1;
        for (Function<Integer, Integer> f : steps) {
            v = f.apply(v);
        }
        System.out.println("WORK " + (v == 4 && Mentions.NAME.startsWith("create") ? "done" : "wrong"));
        System.out.println("DONE");
    }

    /** Names the method in its constant pool, declares none. */
    static final class Mentions {
        static final String NAME = "createBreadcrumb";
    }
}
