package com.example.clients;

import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/** The application's local-bus listener: every local event becomes an {@code EVENT <json>} line. */
public final class BusEvents {
    private BusEvents() {}

    public static Report listen() {
        Report report = new Report();
        LocalEventBus.subscribe(Selector.all(), e -> report.event(e.toJson()));
        return report;
    }
}
