package com.example.bench.startup;

/** Hello world, the start-up floor: prints {@code READY hello} and exits. */
public final class HelloMain {
    private HelloMain() {}

    public static void main(String[] args) {
        System.out.println("READY hello");
    }
}
