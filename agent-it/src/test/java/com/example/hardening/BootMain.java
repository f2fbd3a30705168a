package com.example.hardening;

import com.example.support.ChildApp;

import org.rcrt.localbus.LocalEventBus;

/** The Start-Class of the Spring Boot fat jar the class-loader test builds. Args: N. */
public final class BootMain {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        RoundTrip.run(new MemoryClient(), n, "boot");
        ChildApp.print("MAIN_LOADER", BootMain.class.getClassLoader().getClass().getName());
        ChildApp.print("BUS_LOADER", String.valueOf(LocalEventBus.class.getClassLoader() == null ? "bootstrap"
                : LocalEventBus.class.getClassLoader().getClass().getName()));
        ChildApp.print("DONE", true);
    }
}
