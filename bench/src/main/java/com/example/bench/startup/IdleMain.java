package com.example.bench.startup;

/** An application that does nothing for a quarter of an hour: the host of the idle agent's wake-up count. */
public final class IdleMain {
    private IdleMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("READY idle");
        Thread.sleep(15 * 60_000L);
    }
}
